import type { TableColumnsType } from 'antd';
import { Empty, Progress, Table, Tooltip } from 'antd';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import type { StatusCounts } from '../../../matterTypes.ts';
import { STATUS_COLORS } from './AgencyChart.tsx';

export type ArticleCounts = StatusCounts & { article: string; articleText: string };

interface Props {
  rows: ArticleCounts[];
  selected?: string;
  onPick: (article: string) => void;
}

const num = (color?: string) => (v: number) => <span style={{ color: v ? color : undefined }}>{v}</span>;

const columns: TableColumnsType<ArticleCounts> = [
  {
    title: '条款',
    key: 'article',
    render: (_, r) => <ArticleRef article={r.article} articleText={r.articleText} />,
  },
  { title: '进行中', dataIndex: 'open', key: 'open', width: 64, align: 'right', render: num() },
  {
    title: '已超期',
    dataIndex: 'overdue',
    key: 'overdue',
    width: 64,
    align: 'right',
    render: num(STATUS_COLORS.overdue),
  },
  { title: '已办结', dataIndex: 'met', key: 'met', width: 64, align: 'right', render: num() },
  {
    title: '超期率',
    key: 'rate',
    width: 90,
    render: (_, r) => {
      const all = r.open + r.overdue + r.met;
      const pct = all ? Math.round((r.overdue / all) * 100) : 0;
      return (
        <Tooltip title={`${all} 件中已超期 ${r.overdue} 件`}>
          <Progress percent={pct} size="small" strokeColor={STATUS_COLORS.overdue} />
        </Tooltip>
      );
    },
  },
];

/** Counts per article of the 《办法》; a click filters the board by that article. */
export function ArticleTable({ rows, selected, onPick }: Props) {
  return (
    <Table<ArticleCounts>
      rowKey="article"
      size="small"
      columns={columns}
      dataSource={[...rows].sort((a, b) => b.overdue - a.overdue || b.open - a.open)}
      pagination={false}
      rowClassName={(r) =>
        r.article === selected ? 'clickable-row ant-table-row-selected' : 'clickable-row'
      }
      onRow={(r) => ({ onClick: () => onPick(r.article) })}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无按条款的统计" /> }}
    />
  );
}
