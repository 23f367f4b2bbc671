import { ArrowRightOutlined, UserOutlined } from '@ant-design/icons';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format.ts';
import type { MatterHistoryEntry, Tone } from '../../../matterTypes.ts';

const TONE_COLORS: Record<Tone, string> = {
  default: 'gray',
  processing: 'blue',
  success: 'green',
  warning: 'orange',
  error: 'red',
};

const quote: React.CSSProperties = {
  margin: '6px 0 0',
  padding: '4px 10px',
  borderInlineStart: '3px solid #d9d9d9',
  background: '#fafafa',
  color: 'rgba(0,0,0,0.75)',
  whiteSpace: 'pre-wrap',
};

interface Props {
  history: MatterHistoryEntry[];
  /** Tone of the matter's current state, used for the latest entry. */
  tone: Tone;
}

/** 办理过程: each transition with time, who, from → to, and the data, reason and legal basis quoted. */
export function MatterHistory({ history, tone }: Props) {
  if (history.length === 0) return <Empty description="尚无办理记录" />;
  const sorted = [...history].sort((a, b) => a.seq - b.seq);
  return (
    <Timeline
      items={sorted.map((h, i) => ({
        key: h.seq,
        color: i === sorted.length - 1 ? TONE_COLORS[tone] : h.reason ? 'orange' : 'blue',
        content: (
          <div>
            <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{formatDateTime(h.at)}</div>
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 2 }}>
              <Typography.Text strong>{h.label}</Typography.Text>
              <span style={{ fontSize: 12 }}>
                {h.fromStateName ? <Tag style={{ marginInlineEnd: 4 }}>{h.fromStateName}</Tag> : null}
                {h.fromStateName ? <ArrowRightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} /> : null}
                <Tag color="blue" style={{ marginInlineStart: h.fromStateName ? 4 : 0, marginInlineEnd: 0 }}>
                  {h.toStateName}
                </Tag>
              </span>
            </div>
            <div style={{ color: 'rgba(0,0,0,0.65)', marginTop: 2 }}>
              <UserOutlined style={{ marginInlineEnd: 4 }} />
              {h.actorName || '系统'}
              {h.agencyName && <span style={{ color: 'rgba(0,0,0,0.45)' }}> · {h.agencyName}</span>}
            </div>
            {h.fields?.map((f) => (
              <blockquote key={f.key} style={quote}>
                <Typography.Text type="secondary">{f.label}：</Typography.Text>
                {f.value}
              </blockquote>
            ))}
            {h.reason && (
              <blockquote style={quote}>
                <Typography.Text type="secondary">{h.reasonLabel || '理由'}：</Typography.Text>
                {h.reason}
              </blockquote>
            )}
            {h.legalBasis && (
              <blockquote style={quote}>
                <Typography.Text type="secondary">依据：</Typography.Text>
                {h.legalBasis}
              </blockquote>
            )}
          </div>
        ),
      }))}
    />
  );
}
