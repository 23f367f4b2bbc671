import type { TableColumnsType } from 'antd';
import { Card, Empty, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { kindLabel, levelLabel } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import type { Agency, ListResponse } from '../../types.ts';
import { AgencyDrawer } from './AgencyDrawer.tsx';
import { AgencyFilters, type AgencyFilterValues } from './AgencyFilters.tsx';

const LEVEL_COLORS: Record<string, string> = { province: 'red', city: 'blue', county: 'green' };

const columns: TableColumnsType<Agency> = [
  {
    title: '机构名称',
    dataIndex: 'name',
    key: 'name',
    render: (_, a) => (
      <div>
        <Typography.Link>{a.name}</Typography.Link>
        {a.shortName && <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>简称：{a.shortName}</div>}
      </div>
    ),
  },
  {
    title: '类型',
    dataIndex: 'kind',
    key: 'kind',
    width: 150,
    render: (k: string) => <Tag>{kindLabel(k)}</Tag>,
  },
  {
    title: '层级',
    dataIndex: 'level',
    key: 'level',
    width: 80,
    render: (l: string) => <Tag color={LEVEL_COLORS[l]}>{levelLabel(l)}</Tag>,
  },
  { title: '行政区划', dataIndex: 'regionName', key: 'region', width: 140 },
  {
    title: '上级主管机构',
    dataIndex: 'supervisingAgencyName',
    key: 'sup',
    render: (v: string | null) => v || '—',
  },
  {
    title: '统一社会信用代码',
    dataIndex: 'uscc',
    key: 'uscc',
    width: 190,
    render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—'),
  },
  {
    title: '数据责任人',
    key: 'officers',
    width: 110,
    align: 'center',
    render: (_, a) =>
      a.officers?.length ? <Tag color="green">{a.officers.length} 人</Tag> : <Tag color="orange">未登记</Tag>,
  },
];

export default function AgenciesPage() {
  const [filters, setFilters] = useState<AgencyFilterValues>({});
  const [selected, setSelected] = useState<Agency | null>(null);
  const { data, error, loading, reload } = useApi<ListResponse<Agency>>('/api/v1/agencies', { ...filters });
  const filtered = Boolean(filters.level || filters.kind || filters.regionCode);
  const items = data?.items ?? [];

  return (
    <>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
        <AgencyFilters value={filters} onChange={setFilters} onReload={reload} />
      </Card>
      <Card
        title="机构列表"
        extra={<Typography.Text type="secondary">共 {data?.total ?? items.length} 个机构</Typography.Text>}
      >
        <ProblemAlert problem={error} />
        <Table<Agency>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={items}
          rowClassName={() => 'clickable-row'}
          onRow={(record) => ({ onClick: () => setSelected(record) })}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
          scroll={{ x: 1000 }}
          locale={{
            emptyText: (
              <Empty
                description={
                  filtered
                    ? '没有符合筛选条件的机构，请调整层级、类型或区划后重试。'
                    : '尚未登记任何机构。请由平台管理员通过机构初始化导入省、市、县三级机构名录。'
                }
              />
            ),
          }}
        />
      </Card>
      <AgencyDrawer agency={selected} onClose={() => setSelected(null)} />
    </>
  );
}
