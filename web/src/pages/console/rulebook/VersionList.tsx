import { List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatDate } from '../../../lib/format.ts';
import type { RulebookVersion } from '../../../matterTypes.ts';

interface Props {
  items: RulebookVersion[];
  selected: string | null;
  onSelect: (id: string) => void;
}

export function versionStatus(v: RulebookVersion): { label: string; color: string } {
  if (v.current) return { label: '现行', color: 'green' };
  if (dayjs(v.effectiveFrom).isAfter(dayjs(), 'day')) return { label: '待施行', color: 'blue' };
  return { label: '已废止', color: 'default' };
}

export function effectiveRange(v: RulebookVersion): string {
  return v.effectiveTo
    ? `${formatDate(v.effectiveFrom)} 至 ${formatDate(v.effectiveTo)}`
    : `${formatDate(v.effectiveFrom)}起施行`;
}

/** Rulebook versions, newest first, the one in force marked 现行. */
export function VersionList({ items, selected, onSelect }: Props) {
  return (
    <List<RulebookVersion>
      dataSource={items}
      renderItem={(v) => {
        const active = String(v.id) === selected;
        const status = versionStatus(v);
        return (
          <List.Item
            onClick={() => onSelect(String(v.id))}
            style={{
              cursor: 'pointer',
              padding: '10px 12px',
              borderInlineStart: `3px solid ${active ? '#1d5ab9' : 'transparent'}`,
              background: active ? '#f0f5ff' : undefined,
            }}
          >
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                <Typography.Text strong style={{ color: active ? '#1d5ab9' : undefined }}>
                  {v.name}
                </Typography.Text>
                <Tag color={status.color} style={{ marginInlineEnd: 0 }}>
                  {status.label}
                </Tag>
              </div>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 4 }}>{effectiveRange(v)}</div>
              <Typography.Paragraph
                type="secondary"
                style={{ fontSize: 12, margin: '2px 0 0' }}
                ellipsis={{ rows: 2, tooltip: v.source }}
              >
                {v.source}
              </Typography.Paragraph>
            </div>
          </List.Item>
        );
      }}
    />
  );
}
