import type { TableColumnsType } from 'antd';
import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DeadlineBadge } from '../../../components/DeadlineBadge.tsx';
import { StateTag } from '../../../components/StateTag.tsx';
import { formatDate } from '../../../lib/format.ts';
import type { TodoItem } from '../../../matterTypes.ts';

interface Props {
  items: TodoItem[];
  loading: boolean;
  /** Compact: no pagination, fewer columns (the workbench card). */
  compact?: boolean;
  empty: ReactNode;
}

export function matterPath(id: TodoItem['id'], action?: string): string {
  return `/console/matters/${encodeURIComponent(String(id))}${action ? `?action=${encodeURIComponent(action)}` : ''}`;
}

export function TodoTable({ items, loading, compact, empty }: Props) {
  const navigate = useNavigate();
  const state = { from: '/console/todo' };

  const columns: TableColumnsType<TodoItem> = [
    {
      title: '类型',
      dataIndex: 'typeName',
      key: 'type',
      width: 100,
      render: (v: string) => <Tag color="blue">{v}</Tag>,
    },
    {
      title: '事项',
      dataIndex: 'title',
      key: 'title',
      ellipsis: compact,
      render: (v: string, t) => (
        <Link to={matterPath(t.id)} state={state} title={v}>
          {v}
        </Link>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_, t) => <StateTag name={t.stateName} tone={t.stateTone} />,
    },
    ...(compact
      ? []
      : [
          {
            title: '对方单位',
            dataIndex: 'partyName',
            key: 'party',
            width: 180,
            ellipsis: true,
            render: (v: string | null) => v || '—',
          },
        ]),
    {
      title: '办理时限',
      key: 'deadline',
      width: compact ? 190 : 210,
      render: (_, t) => (
        <div>
          <DeadlineBadge deadline={t.deadline} />
          {!compact && t.deadline && (
            <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 2 }}>
              {formatDate(t.deadline.dueDate)}到期
            </div>
          )}
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: compact ? 120 : 220,
      render: (_, t) =>
        compact ? (
          <Button size="small" type="primary" ghost onClick={() => navigate(matterPath(t.id), { state })}>
            去办理
          </Button>
        ) : (
          <Space size={4} wrap>
            {t.actions.map((a) => (
              <Button key={a.name} size="small" onClick={() => navigate(matterPath(t.id, a.name), { state })}>
                {a.label}
              </Button>
            ))}
            {t.actions.length === 0 && (
              <Typography.Link onClick={() => navigate(matterPath(t.id), { state })}>查看</Typography.Link>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Table<TodoItem>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={
        compact ? false : { defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${n} 件` }
      }
      scroll={compact ? undefined : { x: 1000 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
