import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { Empty, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { DeadlineBadge } from '../../../components/DeadlineBadge.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { SupervisionItem } from '../../../matterTypes.ts';

const FROM = { from: '/console/supervision' };

const columns: TableColumnsType<SupervisionItem> = [
  {
    title: '事项',
    dataIndex: 'matterTitle',
    key: 'title',
    ellipsis: true,
    render: (v: string, r) => (
      <Link to={r.link || `/console/matters/${r.matterId}`} state={FROM} title={v}>
        {v}
      </Link>
    ),
  },
  {
    title: '类型',
    dataIndex: 'typeName',
    key: 'type',
    width: 120,
    render: (v: string) => <Tag color="blue">{v}</Tag>,
  },
  { title: '责任单位', dataIndex: 'agencyName', key: 'agency', width: 190, ellipsis: true },
  {
    title: '时限',
    key: 'rule',
    width: 190,
    render: (_, r) => (
      <div>
        <div>{r.name}</div>
        <div style={{ fontSize: 12 }}>
          <ArticleRef article={r.article} articleText={r.articleText} />
        </div>
      </div>
    ),
  },
  { title: '到期日', dataIndex: 'dueDate', key: 'due', width: 130, render: (v: string) => formatDate(v) },
  { title: '状态', key: 'status', width: 210, render: (_, r) => <DeadlineBadge deadline={r} /> },
  {
    title: '办结时间',
    dataIndex: 'metAt',
    key: 'metAt',
    width: 160,
    render: (v: string | null) => formatDateTime(v),
  },
];

interface Props {
  items: SupervisionItem[];
  loading: boolean;
  pagination: TablePaginationConfig;
  showMetAt: boolean;
  empty: ReactNode;
}

/** The deadlines on the board; each row links to its matter page. */
export function SupervisionTable({ items, loading, pagination, showMetAt, empty }: Props) {
  return (
    <Table<SupervisionItem>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={showMetAt ? columns : columns.filter((c) => c.key !== 'metAt')}
      dataSource={items}
      pagination={pagination}
      scroll={{ x: 1100 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
