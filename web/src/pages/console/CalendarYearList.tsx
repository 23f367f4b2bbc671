import { List, Tag, Typography } from 'antd';
import { formatDate } from '../../lib/format.ts';
import type { CalendarYearSummary } from '../../types.ts';

interface Props {
  items: CalendarYearSummary[];
  selected: number | null;
  onSelect: (year: number) => void;
}

export function CalendarYearList({ items, selected, onSelect }: Props) {
  return (
    <List<CalendarYearSummary>
      dataSource={items}
      renderItem={(y) => {
        const active = y.year === selected;
        return (
          <List.Item
            onClick={() => onSelect(y.year)}
            style={{
              cursor: 'pointer',
              padding: '10px 12px',
              borderInlineStart: `3px solid ${active ? '#1d5ab9' : 'transparent'}`,
              background: active ? '#f0f5ff' : undefined,
            }}
          >
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                <Typography.Text strong style={{ fontSize: 16, color: active ? '#1d5ab9' : undefined }}>
                  {y.year} 年
                </Typography.Text>
                <span>
                  <Tag color="red">休 {y.holidayCount}</Tag>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    班 {y.workdayCount}
                  </Tag>
                </span>
              </div>
              <Typography.Paragraph
                type="secondary"
                style={{ fontSize: 12, margin: '4px 0 0' }}
                ellipsis={{ rows: 2, tooltip: y.source }}
              >
                {y.source}
              </Typography.Paragraph>
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.35)' }}>更新于 {formatDate(y.updatedAt)}</div>
            </div>
          </List.Item>
        );
      }}
    />
  );
}
