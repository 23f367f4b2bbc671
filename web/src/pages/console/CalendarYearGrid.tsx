import { Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { formatDate } from '../../lib/format.ts';
import type { CalendarDay } from '../../types.ts';
import { CalendarMonth } from './CalendarMonth.tsx';

interface Props {
  year: number;
  days: CalendarDay[];
}

const MONTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

interface Festival {
  name: string;
  holidays: string[];
  workdays: string[];
}

function shortDate(date: string): string {
  return formatDate(date).replace(/^\d+年/, '');
}

/** ['2026-10-01', …, '2026-10-08'] → '10月1日至10月8日' */
function ranges(dates: string[]): string {
  const out: string[] = [];
  let start = dates[0];
  let prev = dates[0];
  for (const date of [...dates.slice(1), '']) {
    if (date && dayjs(prev).add(1, 'day').format('YYYY-MM-DD') === date) {
      prev = date;
      continue;
    }
    out.push(start === prev ? shortDate(start) : `${shortDate(start)}至${shortDate(prev)}`);
    start = date;
    prev = date;
  }
  return out.join('、');
}

export function CalendarYearGrid({ year, days }: Props) {
  const marks = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const festivals = useMemo(() => {
    const byName = new Map<string, Festival>();
    for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
      const f = byName.get(d.name) ?? { name: d.name, holidays: [], workdays: [] };
      (d.kind === 'holiday' ? f.holidays : f.workdays).push(d.date);
      byName.set(d.name, f);
    }
    return [...byName.values()];
  }, [days]);

  return (
    <>
      <Space size="large" style={{ marginBottom: 12, fontSize: 12 }} wrap>
        <span>
          <Tag color="red">休</Tag>法定节假日（放假）
        </span>
        <span>
          <Tag color="blue">班</Tag>调休上班
        </span>
        <Typography.Text type="secondary">灰色为周末；其余为工作日</Typography.Text>
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: 12 }}>
        {MONTHS.map((m) => (
          <CalendarMonth key={m} year={year} month={m} marks={marks} />
        ))}
      </div>
      <Table<Festival>
        style={{ marginTop: 16 }}
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={festivals}
        columns={[
          { title: '节日', dataIndex: 'name', key: 'name', width: 140 },
          {
            title: '放假日期',
            key: 'holidays',
            render: (_, f) =>
              f.holidays.length ? `${ranges(f.holidays)}（共 ${f.holidays.length} 天）` : '—',
          },
          {
            title: '调休上班',
            key: 'workdays',
            render: (_, f) => (f.workdays.length ? ranges(f.workdays) : '—'),
          },
        ]}
      />
    </>
  );
}
