import { LockOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type Dataset, datasetApi, formatPercent, useAgencyNames } from '../../../lib/aggregation.ts';
import { useCatalogStandard } from '../../../lib/catalog.ts';
import { formatDate } from '../../../lib/format.ts';
import { useApi } from '../../../lib/useApi.ts';
import { GradeTag } from '../catalog/EntryTags.tsx';
import { ColumnsTable } from './ColumnsTable.tsx';
import { LoadsPanel } from './LoadsPanel.tsx';
import { LogicalSourcePanel } from './LogicalSourcePanel.tsx';
import { PullPanel } from './PullPanel.tsx';
import { ReconciliationPanel } from './ReconciliationPanel.tsx';
import { RecordsPanel } from './RecordsPanel.tsx';

const muted = { color: 'rgba(0,0,0,0.45)' } as const;
const TABS = ['loads', 'source', 'pull', 'columns', 'records', 'reconciliation'] as const;
type Tab = (typeof TABS)[number];
// Grades by strictness, for the dataset's highest (就高从严, as the catalog computes an entry's).
const RANK = ['core', 'important'];

function highestGrade(ds: Dataset): string | null {
  for (const top of RANK) {
    const hit = ds.columns.find((c) => c.grade.startsWith(top));
    if (hit) return hit.grade;
  }
  return ds.columns[0]?.grade ?? null;
}

/** 数据集详情: header with its tags; tabs for loads (upload, progress, reports), columns, records and the daily reconciliation. */
export default function DatasetPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const names = useAgencyNames();
  const { standard } = useCatalogStandard();
  const { data, error, loading, reload } = useApi<Dataset>(datasetApi(id));
  const ds = data && String(data.id) === id ? data : undefined;
  // Art. 18: a logical dataset holds no records: its source and confirmation replace loads and records.
  const logical = ds?.mode === 'logical';
  const tabs: readonly Tab[] = logical
    ? ['source', 'columns']
    : ['loads', 'pull', 'columns', 'records', 'reconciliation'];
  const wanted = params.get('tab') as Tab;
  const tab: Tab = tabs.includes(wanted) ? wanted : tabs[0];

  if (error && !ds) {
    const missing = error.status === 404 || error.status === 400;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '数据集不存在或无权查看' : error.title}
        subTitle={
          missing ? (
            '数据集仅提供部门及其审核部门（政务数据主管部门）可以查看。'
          ) : (
            <ProblemAlert problem={error} />
          )
        }
        extra={
          <Link to="/console/aggregation">
            <Button type="primary">返回数据汇聚</Button>
          </Link>
        }
      />
    );
  }
  if (!ds) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin description="正在加载数据集…" />
      </div>
    );
  }

  const locked = ds.columns.filter((c) => c.protected).length;
  const grade = highestGrade(ds);
  const keyNames = ds.keyItems.map((k) => ds.columns.find((c) => c.itemCode === k)?.itemName ?? k);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <div style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Space size={8} wrap style={{ marginBottom: 8 }}>
              <Tag color="blue">{ds.mode === 'physical' ? '物理汇聚' : '逻辑汇聚'}</Tag>
              {grade && <GradeTag code={grade} grades={standard?.grades} />}
              {locked > 0 && (
                <Tooltip title="《办法》第三十八条：重要、核心数据及个人信息加密存储">
                  <Tag color="geekblue" icon={<LockOutlined />}>
                    {locked} 项加密存储
                  </Tag>
                </Tooltip>
              )}
              <Tag>主键：{keyNames.join('、')}</Tag>
            </Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {ds.name}
            </Typography.Title>
            <div style={{ ...muted, marginTop: 6 }}>
              {names.get(String(ds.providerAgencyId)) ?? '—'} · 依据
              <Link to={`/console/catalog/entries/${ds.entryId}`}> 目录第{ds.entryVersion}版 </Link>·
              {!logical &&
                `错误率阈值 ${formatPercent(ds.errorThreshold)} · 全量关闭比例上限 ${formatPercent(ds.closeGuard)} · `}
              {formatDate(ds.createdAt)}由 {ds.createdBy} 登记
            </div>
          </div>
          <Button
            icon={<ReloadOutlined />}
            onClick={reload}
            loading={loading}
            style={{ alignSelf: 'flex-start' }}
          >
            刷新
          </Button>
        </div>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(t) =>
            setParams(
              (p) => {
                if (t === tabs[0]) p.delete('tab');
                else p.set('tab', t);
                p.delete('load');
                return p;
              },
              { replace: true },
            )
          }
          items={[
            { key: 'source', label: '逻辑汇聚登记', children: <LogicalSourcePanel dataset={ds} /> },
            { key: 'loads', label: '汇聚批次', children: <LoadsPanel dataset={ds} /> },
            { key: 'pull', label: '定时拉取', children: <PullPanel dataset={ds} /> },
            {
              key: 'columns',
              label: `数据项（${ds.columns.length}）`,
              children: <ColumnsTable dataset={ds} grades={standard?.grades} />,
            },
            { key: 'records', label: '数据浏览', children: <RecordsPanel dataset={ds} /> },
            { key: 'reconciliation', label: '日常对账', children: <ReconciliationPanel dataset={ds} /> },
          ].filter((i) => tabs.includes(i.key as Tab))}
        />
      </Card>
    </Space>
  );
}
