import type { TableColumnsType } from 'antd';
import { Empty, Progress, Table, Tag, Tooltip } from 'antd';
import { LEVEL_LABELS, levelLabel } from '../../../lib/format.ts';
import { type CompletenessRow, coverage } from './dutiesTypes.ts';

const LEVEL_COLORS: Record<string, string> = { province: 'red', city: 'blue', county: 'green' };
const LEVEL_ORDER = ['province', 'city', 'county'];

interface Props {
  rows: CompletenessRow[];
  loading: boolean;
  selected: number | undefined;
  onPick: (agencyId: number) => void;
}

/** Per agency: duties recorded, duties without an entry and entries (Art. 12: a full catalog). */
export function DutiesCompleteness({ rows, loading, selected, onPick }: Props) {
  const columns: TableColumnsType<CompletenessRow> = [
    {
      title: '部门',
      key: 'agency',
      sorter: (a, b) => a.agency.name.localeCompare(b.agency.name, 'zh'),
      render: (_, r) => r.agency.name,
    },
    {
      title: '层级',
      key: 'level',
      width: 80,
      filters: LEVEL_ORDER.map((l) => ({ text: LEVEL_LABELS[l as keyof typeof LEVEL_LABELS], value: l })),
      onFilter: (v, r) => r.agency.level === v,
      render: (_, r) => <Tag color={LEVEL_COLORS[r.agency.level]}>{levelLabel(r.agency.level)}</Tag>,
    },
    {
      title: '职责数',
      dataIndex: 'duties',
      width: 80,
      align: 'right',
      sorter: (a, b) => a.duties - b.duties,
      render: (v: number) => (v ? v : <Tag color="warning">未登记</Tag>),
    },
    {
      title: '职责未编目数',
      dataIndex: 'dutiesWithoutEntry',
      width: 120,
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.dutiesWithoutEntry - b.dutiesWithoutEntry || a.duties - b.duties,
      render: (v: number) => (
        <span style={{ color: v ? '#cf1322' : undefined, fontWeight: v ? 500 : undefined }}>{v}</span>
      ),
    },
    {
      title: '目录数',
      dataIndex: 'entries',
      width: 80,
      align: 'right',
      sorter: (a, b) => a.entries - b.entries,
    },
    {
      title: '已发布',
      dataIndex: 'published',
      width: 80,
      align: 'right',
      sorter: (a, b) => a.published - b.published,
    },
    {
      title: '职责覆盖率',
      key: 'coverage',
      width: 150,
      sorter: (a, b) =>
        (coverage(a.duties, a.dutiesWithoutEntry) ?? -1) - (coverage(b.duties, b.dutiesWithoutEntry) ?? -1),
      render: (_, r) => {
        const pct = coverage(r.duties, r.dutiesWithoutEntry);
        if (pct === null) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>—</span>;
        return (
          <Tooltip title={`${r.duties} 项职责中 ${r.duties - r.dutiesWithoutEntry} 项已有对应目录`}>
            <Progress
              percent={pct}
              size="small"
              status={pct === 100 ? 'success' : 'normal'}
              strokeColor={pct === 100 ? undefined : '#faad14'}
            />
          </Tooltip>
        );
      },
    },
  ];

  return (
    <Table<CompletenessRow>
      rowKey={(r) => r.agency.id}
      size="small"
      loading={loading}
      columns={columns}
      dataSource={rows}
      rowClassName={(r) =>
        r.agency.id === selected ? 'clickable-row ant-table-row-selected' : 'clickable-row'
      }
      onRow={(r) => ({ onClick: () => onPick(r.agency.id) })}
      pagination={{ defaultPageSize: 10, showSizeChanger: true, showTotal: (n) => `共 ${n} 个部门` }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所辖区域暂无部门。" /> }}
    />
  );
}
