import { ReloadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import {
  Button,
  Card,
  Col,
  Empty,
  Result,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { datasetPath, formatCount, formatPercent, QUALITY_TRENDS } from '../../../lib/aggregation.ts';
import {
  DATABASES_PATH,
  type DatabaseDataset,
  type DatabaseDetail,
  databaseApi,
  databaseTitle,
  freshnessOf,
} from '../../../lib/databases.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/useApi.ts';

const muted = { color: 'rgba(0,0,0,0.45)', fontSize: 12 } as const;
const tagStyle = { marginInlineEnd: 0 } as const;

const columns: TableColumnsType<DatabaseDataset> = [
  {
    title: '数据集',
    key: 'name',
    width: 240,
    render: (_, d) => (
      <Space orientation="vertical" size={0}>
        <Link to={datasetPath(d.id)}>{d.name}</Link>
        <Link to={`/console/catalog/entries/${d.entryId}`} style={{ ...muted, fontFamily: 'monospace' }}>
          {d.entryCode}
        </Link>
      </Space>
    ),
  },
  { title: '提供部门', dataIndex: 'providerAgencyName', key: 'provider', width: 200 },
  {
    title: '当前记录',
    dataIndex: 'recordCount',
    key: 'records',
    width: 100,
    align: 'right',
    render: (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatCount(v)}</span>,
  },
  {
    title: '最近汇聚',
    dataIndex: 'lastLoadAt',
    key: 'lastLoadAt',
    width: 160,
    render: (v: string | null) => (v ? formatDateTime(v) : <span style={muted}>尚未汇聚</span>),
  },
  {
    title: '更新及时性',
    key: 'freshness',
    width: 180,
    render: (_, d) => {
      const f = freshnessOf(d);
      return (
        <Space size={8}>
          <Tooltip title={d.freshnessMessage}>
            <Tag color={f.color} style={{ ...tagStyle, cursor: 'help' }}>
              {f.label}
            </Tag>
          </Tooltip>
          {/* 不定期 says it once: the tag already names the frequency. */}
          {f.label !== d.frequencyName && (
            <span style={muted}>
              {d.frequencyName}
              {d.daysLate > 0 ? ` · 逾期 ${d.daysLate} 天` : ''}
            </span>
          )}
        </Space>
      );
    },
  },
  {
    title: '最近批次错误率',
    dataIndex: 'lastErrorRate',
    key: 'errorRate',
    width: 120,
    align: 'right',
    render: (v: number | null) =>
      v === null ? (
        <span style={muted}>—</span>
      ) : (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatPercent(v)}</span>
      ),
  },
  {
    title: '质量趋势',
    key: 'trend',
    width: 100,
    render: (_, d) => {
      if (!d.qualityTrend) return <span style={muted}>尚未对账</span>;
      const t = QUALITY_TRENDS[d.qualityTrend];
      return (
        <Tooltip title={`${t.hint}（${d.reconciledOn} 对账）`}>
          <Tag color={t.color} style={{ ...tagStyle, cursor: 'help' }}>
            {d.qualityTrend === 'none' ? '暂无趋势' : t.label}
          </Tag>
        </Tooltip>
      );
    },
  },
];

/** One 基础库 or 主题库 (Art. 20): its figures and the table of its datasets. */
export default function DatabasePage() {
  const { code = '' } = useParams();
  const { data, error, loading, reload } = useApi<DatabaseDetail>(databaseApi(code));
  const db = data?.code === code ? data : undefined;

  if (error && !db) {
    const missing = error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '该库不存在' : error.title}
        subTitle={missing ? `目录分组“${code}”不是基础库或主题库。` : <ProblemAlert problem={error} />}
        extra={
          <Link to={DATABASES_PATH}>
            <Button type="primary">返回基础库与主题库</Button>
          </Link>
        }
      />
    );
  }

  const kpis = [
    { title: '数据集', value: db?.datasetCount, suffix: '个' },
    { title: '当前记录', value: db?.recordCount, suffix: '条' },
    { title: '逾期未更新', value: db?.lateCount, suffix: '个', color: db?.lateCount ? '#cf1322' : undefined },
    { title: '尚未汇聚', value: db?.neverLoadedCount, suffix: '个' },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }} loading={!db && loading}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <div style={{ minWidth: 0 }}>
            <Space size={8} align="center">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {db ? databaseTitle(db) : ''}
              </Typography.Title>
              {db && <Tag color={db.kind === 'base' ? 'blue' : 'purple'}>{db.kindName}</Tag>}
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', maxWidth: 760 }}>
              {db?.description ? `${db.description} ` : ''}
              目录分组为“{db?.name}”的已发布目录所汇聚的数据集（
              <ArticleRef article="Art. 20" />
              ）；及时性按目录更新频率判断，质量趋势取最近一次日常对账（
              <ArticleRef article="Art. 19" />
              ）。
            </Typography.Paragraph>
          </div>
          <Space>
            <Link to={DATABASES_PATH}>
              <Button>全部库</Button>
            </Link>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          </Space>
        </div>
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {kpis.map((k) => (
          <Col key={k.title} xs={12} md={6}>
            <Card size="small" loading={!db && loading}>
              <Statistic
                title={k.title}
                value={k.value ?? '—'}
                suffix={k.value !== undefined ? k.suffix : undefined}
                styles={{ content: { color: k.color } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title="数据集"
        extra={
          db && (
            <Typography.Text type="secondary">
              最近批次平均错误率 {formatPercent(db.averageErrorRate)}
            </Typography.Text>
          )
        }
      >
        <ProblemAlert problem={error} />
        <Table<DatabaseDataset>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={db?.items ?? []}
          pagination={
            (db?.items.length ?? 0) > 20
              ? { defaultPageSize: 20, showTotal: (t) => `共 ${t} 个数据集` }
              : false
          }
          scroll={{ x: 1100 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <>
                    该库尚无汇聚数据集。
                    <br />
                    提供部门为分组属于本库的已发布目录登记数据集并上传数据后，将在此列出；仅显示本部门及审核范围内部门的数据集。
                  </>
                }
              />
            ),
          }}
        />
      </Card>
    </>
  );
}
