import type { TableColumnsType } from 'antd';
import { Empty, Table, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LEVEL_LABELS, levelLabel } from '../../../lib/format.ts';
import type { AgencyStats } from './statsTypes.ts';

const LEVEL_COLORS: Record<string, string> = { province: 'red', city: 'blue', county: 'green' };
const LEVEL_ORDER = ['province', 'city', 'county'];

const count = (key: keyof AgencyStats, title: ReactNode, color?: string) => ({
  title,
  dataIndex: key,
  key,
  width: 72,
  align: 'right' as const,
  sorter: (a: AgencyStats, b: AgencyStats) => (a[key] as number) - (b[key] as number),
  render: (v: number) => <span style={{ color: v && color ? color : undefined }}>{v}</span>,
});

interface Props {
  rows: AgencyStats[];
  loading: boolean;
  /** Authority admins manage duties; a reviewer sees the count without the link. */
  linkDuties: boolean;
}

/** Per agency: entries by state, open and share types, and duties still without an entry (Art. 12 全量). */
export function StatsAgencyTable({ rows, loading, linkDuties }: Props) {
  const columns: TableColumnsType<AgencyStats> = [
    {
      title: '部门',
      key: 'agency',
      fixed: 'left',
      width: 200,
      sorter: (a, b) => a.agency.name.localeCompare(b.agency.name, 'zh'),
      render: (_, r) => (
        <Link to={`/console/catalog?provider=${r.agency.id}`} title="查看该部门的目录">
          {r.agency.name}
        </Link>
      ),
    },
    {
      title: '层级',
      key: 'level',
      width: 80,
      filters: LEVEL_ORDER.map((l) => ({ text: LEVEL_LABELS[l as keyof typeof LEVEL_LABELS], value: l })),
      onFilter: (v, r) => r.agency.level === v,
      sorter: (a, b) => LEVEL_ORDER.indexOf(a.agency.level) - LEVEL_ORDER.indexOf(b.agency.level),
      render: (_, r) => <Tag color={LEVEL_COLORS[r.agency.level]}>{levelLabel(r.agency.level)}</Tag>,
    },
    { ...count('total', '总数'), defaultSortOrder: 'descend' },
    count('published', '已发布', '#389e0d'),
    count('submitted', '审核中'),
    count('returned', '已退回', '#d48806'),
    count('draft', '草稿'),
    count('revoking', '撤销中', '#d4380d'),
    count('open', '开放'),
    count(
      'unconditionalShare',
      <>
        无条件
        <br />
        共享
      </>,
    ),
    count(
      'conditionalShare',
      <>
        有条件
        <br />
        共享
      </>,
    ),
    count(
      'notShared',
      <>
        不予
        <br />
        共享
      </>,
    ),
    {
      ...count('dutiesWithoutEntry', '职责未编目数'),
      width: 104,
      title: (
        <Tooltip title="部门“三定”职责中尚未对应任何目录的条数（《办法》第十二条：全量编目）">
          职责
          <br />
          未编目数
        </Tooltip>
      ),
      render: (v: number, r) => {
        const text = <span style={{ color: '#cf1322', fontWeight: 500 }}>{v}</span>;
        if (!v) return v;
        return linkDuties ? (
          <Link to={`/console/catalog/duties?agencyId=${r.agency.id}`} title="查看该部门的职责目录">
            {text}
          </Link>
        ) : (
          text
        );
      },
    },
  ];

  return (
    <Table<AgencyStats>
      rowKey={(r) => r.agency.id}
      size="small"
      loading={loading}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 1100 }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${n} 个部门` }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所辖区域暂无部门目录统计。" />,
      }}
    />
  );
}
