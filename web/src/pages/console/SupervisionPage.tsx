import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Row, Segmented, Select, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { articleLabel } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import type { SupervisionResponse } from '../../matterTypes.ts';
import { AgencyChart, STATUS_LABELS, type SupervisionStatus } from './supervision/AgencyChart.tsx';
import { ArticleTable } from './supervision/ArticleTable.tsx';
import { SupervisionTable } from './supervision/SupervisionTable.tsx';

const STATUSES: SupervisionStatus[] = ['open', 'overdue', 'met'];
const PAGE_SIZE = 20;

export default function SupervisionPage() {
  // Filters live in the URL so a board view can be bookmarked and sent to a colleague.
  const [params, setParams] = useSearchParams();
  const status = (STATUSES.find((s) => s === params.get('status')) ?? 'overdue') as SupervisionStatus;
  const agencyId = params.get('agencyId') ?? undefined;
  const article = params.get('article') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || PAGE_SIZE;

  const { data, error, loading, reload } = useApi<SupervisionResponse>('/api/v1/supervision/deadlines', {
    status,
    agencyId,
    article,
    page,
    pageSize,
  });

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...patch })) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  // Remember every agency and article seen, so the options survive narrowing the filter.
  const seen = useRef({ agencies: new Map<string, string>(), articles: new Map<string, string>() });
  const options = useMemo(() => {
    for (const a of data?.counts.byAgency ?? []) seen.current.agencies.set(String(a.agencyId), a.agencyName);
    for (const a of data?.counts.byArticle ?? []) {
      seen.current.articles.set(a.article, articleLabel(a.article) ?? a.article);
    }
    return {
      agencies: [...seen.current.agencies].map(([value, label]) => ({ value, label })),
      articles: [...seen.current.articles].map(([value, label]) => ({ value, label })),
    };
  }, [data]);

  const totals = useMemo(() => {
    const t = { open: 0, overdue: 0, met: 0 };
    for (const a of data?.counts.byAgency ?? []) {
      t.open += a.open;
      t.overdue += a.overdue;
      t.met += a.met;
    }
    return t;
  }, [data]);

  const filtered = Boolean(agencyId || article);
  const emptyText = {
    open: '没有正在办理的限时事项。',
    overdue: '没有已超期的事项，所辖单位均在时限内办理。',
    met: '暂无已办结的限时事项。',
  }[status];

  return (
    <>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item>
            <Segmented<SupervisionStatus>
              value={status}
              onChange={(s) => update({ status: s })}
              options={STATUSES.map((s) => ({
                value: s,
                label: data ? `${STATUS_LABELS[s]} ${totals[s]}` : STATUS_LABELS[s],
              }))}
            />
          </Form.Item>
          <Form.Item label="责任单位">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部单位"
              style={{ width: 240 }}
              options={options.agencies}
              value={agencyId}
              onChange={(v) => update({ agencyId: v })}
              notFoundContent="暂无单位"
            />
          </Form.Item>
          <Form.Item label="条款">
            <Select
              allowClear
              placeholder="全部条款"
              style={{ width: 200 }}
              options={options.articles}
              value={article}
              onChange={(v) => update({ article: v })}
              notFoundContent="暂无条款"
            />
          </Form.Item>
          <Form.Item>
            <Button onClick={() => update({ agencyId: undefined, article: undefined })}>重置</Button>
          </Form.Item>
          <Form.Item>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <ProblemAlert problem={error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={15}>
          <Card title="各单位办理情况" size="small" loading={loading && !data}>
            <AgencyChart
              rows={data?.counts.byAgency ?? []}
              onPick={(id, s) => update({ agencyId: String(id), status: s })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="按条款统计" size="small" loading={loading && !data}>
            <ArticleTable
              rows={data?.counts.byArticle ?? []}
              selected={article}
              onPick={(a) => update({ article: a === article ? undefined : a })}
            />
          </Card>
        </Col>
      </Row>
      <Card
        title={`${STATUS_LABELS[status]}的时限`}
        extra={<Typography.Text type="secondary">共 {data?.total ?? 0} 项</Typography.Text>}
      >
        <SupervisionTable
          items={data?.items ?? []}
          loading={loading}
          showMetAt={status === 'met'}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 项`,
            onChange: (p, size) => update({ page: p, pageSize: size === PAGE_SIZE ? undefined : size }),
          }}
          empty={filtered ? `${emptyText}可清除单位或条款筛选查看全部。` : emptyText}
        />
      </Card>
    </>
  );
}
