import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Row, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { formatCount, formatPercent } from '../../../lib/aggregation.ts';
import {
  DATABASES_API,
  type DatabaseKind,
  type DatabaseSummary,
  databaseFreshness,
  databasePath,
  databaseTitle,
  KIND_TITLES,
} from '../../../lib/databases.ts';
import { useApi } from '../../../lib/useApi.ts';

const muted = { color: 'rgba(0,0,0,0.45)', fontSize: 12 } as const;
const KINDS: DatabaseKind[] = ['base', 'theme'];

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ ...muted, whiteSpace: 'nowrap' }}>
        {hint ? (
          <Tooltip title={hint}>
            <span style={{ cursor: 'help' }}>{label}</span>
          </Tooltip>
        ) : (
          label
        )}
      </div>
      <div
        style={{ fontSize: 18, fontWeight: 500, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      >
        {value}
      </div>
    </div>
  );
}

function DatabaseCard({ db }: { db: DatabaseSummary }) {
  const fresh = databaseFreshness(db);
  const empty = db.datasetCount === 0;
  return (
    <Link to={databasePath(db.code)} aria-label={databaseTitle(db)}>
      <Card hoverable size="small" style={{ height: '100%' }} styles={{ body: { padding: 16 } }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
          <Typography.Text strong style={{ fontSize: 16, flex: 1, minWidth: 0 }} ellipsis={{ tooltip: true }}>
            {databaseTitle(db)}
          </Typography.Text>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
        </div>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1.4fr 1fr', gap: 8, marginBottom: 12 }}>
          <Figure label="数据集" value={empty ? '0' : formatCount(db.datasetCount)} />
          <Figure label="当前记录" value={formatCount(db.recordCount)} hint="各数据集当前有效记录数之和" />
          <Figure
            label="错误率"
            value={formatPercent(db.averageErrorRate)}
            hint="平均错误率：各数据集最近一个已完成批次的拒收比例的平均（第十九条）"
          />
        </div>
        <Badge status={fresh.status} text={<span style={{ fontSize: 13 }}>{fresh.text}</span>} />
      </Card>
    </Link>
  );
}

/** 基础库与主题库 (Art. 20): one card per database, 基础库 in one row, 主题库 in the next. */
export default function DatabasesPage() {
  const { data, error, loading, reload } = useApi<{ items: DatabaseSummary[] }>(DATABASES_API);
  const items = data?.items ?? [];
  const total = items.reduce((n, d) => n + d.datasetCount, 0);

  return (
    <>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBlock: 12 } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 760 }}>
            汇聚数据按目录分组归入人口、法人、自然资源和空间地理、电子证照等基础库和各主题库（
            <ArticleRef article="Art. 20" />
            ）。记录数为各数据集当前有效记录；及时性按目录更新频率判断（
            <ArticleRef article="Art. 19" />
            ）。仅统计本部门及审核范围内部门的数据集。
          </Typography.Paragraph>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </div>
      </Card>
      <ProblemAlert problem={error} />
      {KINDS.map((kind) => {
        const row = items.filter((d) => d.kind === kind);
        const datasets = row.reduce((n, d) => n + d.datasetCount, 0);
        return (
          <Card
            key={kind}
            title={
              // The hint gives way (ellipsis) to the count on the right when the page is narrow.
              <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, minWidth: 0 }}>
                <span style={{ flex: 'none' }}>{KIND_TITLES[kind].title}</span>
                <Typography.Text
                  type="secondary"
                  style={{ fontWeight: 'normal', fontSize: 13, minWidth: 0 }}
                  ellipsis={{ tooltip: true }}
                >
                  {KIND_TITLES[kind].hint}
                </Typography.Text>
              </div>
            }
            extra={!loading && <Typography.Text type="secondary">{datasets} 个数据集</Typography.Text>}
            loading={loading && !data}
            style={{ marginBottom: 16 }}
          >
            {row.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={`目录标准中尚无${KIND_TITLES[kind].title}分组，请联系省政务数据主管部门维护目录分组。`}
              />
            ) : (
              <Row gutter={[16, 16]}>
                {row.map((db) => (
                  <Col key={db.code} xs={24} sm={12} xl={6}>
                    <DatabaseCard db={db} />
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        );
      })}
      {data && total === 0 && (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          各库尚无汇聚数据集：提供部门为已发布的目录登记数据集并上传数据后，将按目录分组计入对应的库。
        </Typography.Paragraph>
      )}
    </>
  );
}
