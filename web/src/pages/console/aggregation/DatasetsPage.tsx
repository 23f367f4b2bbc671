import { LockOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Card, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type Dataset, datasetPath, formatPercent, useAgencyNames } from '../../../lib/aggregation.ts';
import { formatDate } from '../../../lib/format.ts';
import { hasPermission, useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';
import { RegisterDatasetModal } from './RegisterDatasetModal.tsx';

const muted = { color: 'rgba(0,0,0,0.45)' } as const;

/** 数据汇聚: the datasets the caller sees (its own; an authority also those of the agencies it reviews). */
export default function DatasetsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const names = useAgencyNames();
  const canLoad = hasPermission(user, 'aggregation.load');
  const { data, error, loading, reload } = useApi<{ items: Dataset[] }>('/api/v1/aggregation/datasets');
  const [keyword, setKeyword] = useState('');
  const [provider, setProvider] = useState<string | undefined>();
  const [registering, setRegistering] = useState(false);

  const all = data?.items ?? [];
  const providers = useMemo(
    () =>
      [...new Set(all.map((d) => String(d.providerAgencyId)))].map((id) => ({
        value: id,
        label: names.get(id) ?? `机构 ${id}`,
      })),
    [all, names],
  );
  const k = keyword.trim().toLowerCase();
  const rows = all.filter(
    (d) =>
      (!provider || String(d.providerAgencyId) === provider) &&
      (!k ||
        d.name.toLowerCase().includes(k) ||
        d.columns.some((c) => c.itemName.toLowerCase().includes(k) || c.itemCode.toLowerCase() === k)),
  );

  const columns: TableColumnsType<Dataset> = [
    {
      title: '数据集',
      dataIndex: 'name',
      key: 'name',
      render: (name: string, d) => (
        <Space orientation="vertical" size={0}>
          <Link to={datasetPath(d.id)}>{name}</Link>
          <span style={{ ...muted, fontSize: 12 }}>
            依据目录第{d.entryVersion}版 ·{' '}
            <Link to={`/console/catalog/entries/${d.entryId}`} style={{ fontSize: 12 }}>
              查看目录
            </Link>
          </span>
        </Space>
      ),
    },
    {
      title: '提供部门',
      key: 'provider',
      width: 200,
      render: (_, d) => names.get(String(d.providerAgencyId)) ?? '—',
    },
    {
      title: '主键',
      key: 'keys',
      width: 180,
      render: (_, d) => (
        <Space size={[4, 4]} wrap>
          {d.keyItems.map((code) => (
            <Tag key={code}>{d.columns.find((c) => c.itemCode === code)?.itemName ?? code}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '数据项',
      key: 'columns',
      width: 170,
      render: (_, d) => {
        const locked = d.columns.filter((c) => c.protected).length;
        return (
          <span>
            {d.columns.length} 项
            {locked > 0 && (
              <Tooltip title="《办法》第三十八条：重要、核心数据及个人信息加密存储">
                <Tag color="geekblue" icon={<LockOutlined />} style={{ marginInlineStart: 8 }}>
                  {locked} 项加密
                </Tag>
              </Tooltip>
            )}
          </span>
        );
      },
    },
    {
      title: '错误率阈值',
      dataIndex: 'errorThreshold',
      key: 'threshold',
      width: 110,
      align: 'right',
      render: (v: number) => formatPercent(v),
    },
    {
      title: '登记时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      render: (v: string, d) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDate(v)}</span>
          <span style={{ ...muted, fontSize: 12 }}>{d.createdBy}</span>
        </Space>
      ),
    },
  ];

  const filtered = Boolean(k || provider);
  const empty = filtered
    ? '没有符合条件的数据集，请调整名称或提供部门后重试。'
    : canLoad
      ? '本部门尚未登记数据集。点击右上角“登记数据集”，为已发布的目录登记数据集后即可上传数据文件。'
      : '暂无可查看的数据集。各部门为已发布的目录登记数据集并汇聚数据后将在此列出。';

  return (
    <>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 720 }}>
            提供部门按已发布的目录将数据物理汇聚到平台（
            <ArticleRef article="Art. 18" />
            ），每个批次按数据元规则检查质量并出具质量报告（
            <ArticleRef article="Art. 19" />
            ）；重要、核心数据和个人信息加密存储（
            <ArticleRef article="Art. 38" />
            ）。
          </Typography.Paragraph>
          <Space wrap>
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
              placeholder="数据集或数据项名称"
              aria-label="查找数据集"
              style={{ width: 220 }}
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
            />
            {providers.length > 1 && (
              <Select
                allowClear
                placeholder="全部提供部门"
                aria-label="提供部门"
                style={{ width: 200 }}
                options={providers}
                value={provider}
                onChange={setProvider}
                showSearch={{ optionFilterProp: 'label' }}
              />
            )}
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
            {canLoad && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                登记数据集
              </Button>
            )}
          </Space>
        </div>
      </Card>
      <Card
        title="数据集"
        extra={<Typography.Text type="secondary">共 {rows.length} 个数据集</Typography.Text>}
      >
        <ProblemAlert problem={error} />
        <Table<Dataset>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          pagination={
            rows.length > 20 ? { defaultPageSize: 20, showTotal: (t) => `共 ${t} 个数据集` } : false
          }
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        />
      </Card>
      {canLoad && (
        <RegisterDatasetModal
          open={registering}
          registered={all.map((d) => d.entryId)}
          onClose={() => setRegistering(false)}
          onCreated={(d) => {
            setRegistering(false);
            navigate(datasetPath(d.id));
          }}
        />
      )}
    </>
  );
}
