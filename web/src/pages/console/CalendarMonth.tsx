import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { CalendarDay } from '../../types.ts';

interface Props {
  year: number;
  month: number; // 0-based
  marks: Map<string, CalendarDay>;
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const COLORS = {
  holiday: { bg: '#fff1f0', fg: '#cf1322', badge: '休' },
  workday: { bg: '#e6f4ff', fg: '#0958d9', badge: '班' },
} as const;

export function CalendarMonth({ year, month, marks }: Props) {
  const first = dayjs(new Date(year, month, 1));
  const offset = (first.day() + 6) % 7; // Monday-first
  const count = first.daysInMonth();
  const today = dayjs().format('YYYY-MM-DD');
  const blanks = Array.from({ length: offset }, (_, i) => `blank-${i}`);
  const dates = Array.from({ length: count }, (_, i) => i + 1);

  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: 8, background: '#fff' }}>
      <div style={{ fontWeight: 600, marginBottom: 6, textAlign: 'center' }}>{month + 1}月</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
        {WEEKDAYS.map((w, i) => (
          <div key={w} style={{ textAlign: 'center', color: i >= 5 ? '#cf1322' : 'rgba(0,0,0,0.45)' }}>
            {w}
          </div>
        ))}
        {blanks.map((b) => (
          <div key={b} />
        ))}
        {dates.map((day) => {
          const date = first.date(day);
          const key = date.format('YYYY-MM-DD');
          const mark = marks.get(key);
          const weekend = date.day() === 0 || date.day() === 6;
          const style = mark ? COLORS[mark.kind] : null;
          const cell = (
            <div
              key={key}
              style={{
                position: 'relative',
                textAlign: 'center',
                lineHeight: '24px',
                borderRadius: 3,
                background: style?.bg,
                color: style?.fg ?? (weekend ? 'rgba(0,0,0,0.35)' : 'rgba(0,0,0,0.85)'),
                fontWeight: mark ? 600 : undefined,
                outline: key === today ? '1px solid #1d5ab9' : undefined,
              }}
            >
              {day}
              {style && (
                <span style={{ position: 'absolute', top: -3, right: 0, fontSize: 9, lineHeight: '12px' }}>
                  {style.badge}
                </span>
              )}
            </div>
          );
          return mark ? (
            <Tooltip key={key} title={`${mark.name}（${mark.kind === 'holiday' ? '放假' : '调休上班'}）`}>
              {cell}
            </Tooltip>
          ) : (
            cell
          );
        })}
      </div>
    </div>
  );
}
