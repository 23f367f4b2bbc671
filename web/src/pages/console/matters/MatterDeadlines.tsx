import type { TableColumnsType } from 'antd';
import { Empty, Table, Tooltip, Typography } from 'antd';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { DeadlineBadge } from '../../../components/DeadlineBadge.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { DeadlineView } from '../../../matterTypes.ts';

const columns: TableColumnsType<DeadlineView> = [
  { title: '时限', dataIndex: 'name', key: 'name', width: 150 },
  {
    title: '依据',
    key: 'article',
    width: 140,
    render: (_, d) => <ArticleRef article={d.article} articleText={d.articleText} />,
  },
  {
    title: '起算日',
    dataIndex: 'startsOn',
    key: 'startsOn',
    width: 130,
    render: (v: string) => formatDate(v),
  },
  {
    title: '到期日',
    key: 'dueDate',
    width: 150,
    render: (_, d) => (
      <div>
        {formatDate(d.dueDate)}
        {d.extendedFrom && (
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            已延期，原 {formatDate(d.extendedFrom)}
          </div>
        )}
      </div>
    ),
  },
  { title: '状态', key: 'status', width: 200, render: (_, d) => <DeadlineBadge deadline={d} /> },
  {
    title: '办结时间',
    dataIndex: 'metAt',
    key: 'metAt',
    width: 160,
    render: (v: string | null) => formatDateTime(v),
  },
  {
    title: '规则版本',
    key: 'ruleVersion',
    width: 170,
    ellipsis: { showTitle: false },
    render: (_, d) => (
      <Tooltip title={`按“${d.ruleVersion.name}”计算`}>
        <Typography.Text type="secondary">{d.ruleVersion.name}</Typography.Text>
      </Tooltip>
    ),
  },
];

/** 办理时限: every deadline of the matter with its badge, article and the rule version it was set by. */
export function MatterDeadlines({ deadlines }: { deadlines: DeadlineView[] }) {
  return (
    <Table<DeadlineView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={deadlines}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description="本事项当前不受办理时限约束。进入需限时办理的环节后，时限将自动计算并显示在这里。"
          />
        ),
      }}
    />
  );
}
