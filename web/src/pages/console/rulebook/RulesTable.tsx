import type { TableColumnsType } from 'antd';
import { Empty, Table, Typography } from 'antd';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import type { Rule } from '../../../matterTypes.ts';

const UNIT_LABELS: Record<Rule['unit'], string> = {
  working_days: '个工作日',
  months: '个月',
  days: '天',
};

const columns: TableColumnsType<Rule> = [
  {
    title: '时限名称',
    dataIndex: 'name',
    key: 'name',
    width: 190,
    render: (v: string, r) => (
      <div>
        <div>{v}</div>
        <Typography.Text type="secondary" className="mono">
          {r.key}
        </Typography.Text>
      </div>
    ),
  },
  {
    title: '依据',
    key: 'article',
    width: 140,
    render: (_, r) => <ArticleRef article={r.article} articleText={r.articleText} />,
  },
  {
    title: '时限',
    key: 'amount',
    width: 110,
    align: 'right',
    render: (_, r) => (
      <span style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {r.amount}
        </Typography.Text>{' '}
        {UNIT_LABELS[r.unit] ?? r.unit}
      </span>
    ),
  },
  {
    title: '条文',
    dataIndex: 'articleText',
    key: 'text',
    render: (v: string) => (
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {v || '—'}
      </Typography.Text>
    ),
  },
];

export function RulesTable({ rules }: { rules: Rule[] }) {
  return (
    <Table<Rule>
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={rules}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该版本未规定任何时限" />,
      }}
    />
  );
}
