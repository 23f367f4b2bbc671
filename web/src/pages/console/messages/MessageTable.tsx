import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { Badge, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { Message, MessageCategory } from '../../../matterTypes.ts';

export const CATEGORY_LABELS: Record<MessageCategory, string> = {
  todo: '待办',
  notice: '通知',
  warning: '预警',
};
const CATEGORY_COLORS: Record<MessageCategory, string> = { todo: 'blue', notice: 'cyan', warning: 'red' };

interface Props {
  items: Message[];
  loading: boolean;
  pagination: TablePaginationConfig;
  empty: ReactNode;
  onOpen: (m: Message) => void;
  onRead: (m: Message) => void;
}

export function MessageTable({ items, loading, pagination, empty, onOpen, onRead }: Props) {
  const columns: TableColumnsType<Message> = [
    {
      title: '类别',
      dataIndex: 'category',
      key: 'category',
      width: 80,
      render: (c: MessageCategory) => <Tag color={CATEGORY_COLORS[c]}>{CATEGORY_LABELS[c] ?? c}</Tag>,
    },
    {
      title: '消息',
      key: 'title',
      render: (_, m) => (
        <div style={{ minWidth: 0 }}>
          <Space size={6} align="center">
            {!m.read && <Badge status="processing" aria-label="未读" />}
            {m.link ? (
              <Typography.Link strong={!m.read} onClick={() => onOpen(m)}>
                {m.title}
              </Typography.Link>
            ) : (
              <Typography.Text strong={!m.read}>{m.title}</Typography.Text>
            )}
            {m.category === 'todo' && m.done && <Tag style={{ marginInlineEnd: 0 }}>已办结</Tag>}
          </Space>
          {m.body && (
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 2, tooltip: m.body }}
              style={{ margin: '2px 0 0', fontSize: 13, paddingInlineStart: m.read ? 0 : 14 }}
            >
              {m.body}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    {
      title: '办理时限',
      dataIndex: 'dueAt',
      key: 'due',
      width: 140,
      render: (v: string | null, m) =>
        v ? <span style={{ color: m.done ? 'rgba(0,0,0,0.45)' : undefined }}>{formatDate(v)}前</span> : '—',
    },
    {
      title: '时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, m) => (
        <Space size={12}>
          {m.link && (
            <Typography.Link onClick={() => onOpen(m)}>{m.matterId ? '查看事项' : '查看'}</Typography.Link>
          )}
          {!m.read && (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onRead(m)}>
              标为已读
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<Message>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={pagination}
      rowClassName={(m) => (m.read ? '' : 'message-unread')}
      scroll={{ x: 900 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
