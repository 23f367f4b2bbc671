import { Alert, Card, Col, Input, Pagination, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { ENTRY_STATUS, entryStatusLabel } from '../../../lib/catalog.ts';
import { hasPermission, useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';
import { FacetPanel } from './FacetPanel.tsx';
import { SearchActions } from './SearchActions.tsx';
import { SearchResultList } from './SearchResultList.tsx';
import { activeFilterCount, apiQuery, useSearchState } from './searchState.ts';
import {
  type EntryStatus,
  FACET_KEYS,
  FACET_TITLES,
  type FacetKey,
  type SearchResponse,
  SORTS,
} from './searchTypes.ts';

const NO_FILTERS = Object.fromEntries(FACET_KEYS.map((k) => [k, []])) as unknown as Record<
  FacetKey,
  string[]
>;
const statusOptions = (Object.keys(ENTRY_STATUS) as EntryStatus[]).map((s) => ({
  value: s,
  label: ENTRY_STATUS[s].label,
}));

/** 政务数据目录: full-text search with facets over the catalog the user may see (Art. 11, 12). */
export default function CatalogSearchPage() {
  const { user } = useSession();
  const [state, update] = useSearchState();
  const [input, setInput] = useState(state.q);
  useEffect(() => setInput(state.q), [state.q]);

  const { data, error, loading, reload } = useApi<SearchResponse>('/api/v1/catalog/entries', apiQuery(state));
  // Working versions (草稿、审核中、已退回) are visible to the provider and its reviewing authority only.
  const seesWorking = hasPermission(user, 'catalog.edit') || hasPermission(user, 'catalog.review');
  const filtered = activeFilterCount(state) > 0;
  const facetLabel = (k: FacetKey, v: string) => data?.facets[k]?.find((f) => f.value === v)?.label ?? v;

  const one = (k: FacetKey) => (state.filters[k].length === 1 ? state.filters[k][0] : undefined);
  const [provider, group] = [one('provider'), one('group')];
  const exportScope = {
    providerAgencyId: provider,
    groupCode: group,
    label: [provider && facetLabel('provider', provider), group && facetLabel('group', group)]
      .filter(Boolean)
      .join(' · '),
  };

  const empty = state.q
    ? `未找到与“${state.q}”相关的目录。请检查关键词，或减少筛选条件后重试。`
    : filtered
      ? '没有符合筛选条件的目录，请减少筛选条件后重试。'
      : '暂无可查看的目录。各部门编制的目录经审核发布后将在此列出。';

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <div style={{ flex: '1 1 480px', maxWidth: 760 }}>
            <Input.Search
              size="large"
              allowClear
              enterButton="检索"
              aria-label="检索目录"
              placeholder="输入目录名称、摘要、数据项或提供部门，如：婚姻登记"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              onSearch={(q) => update({ q })}
              loading={loading && Boolean(state.q)}
              maxLength={100}
            />
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
              检索目录名称、摘要、数据项名称和提供部门；输入有一字之差时将按近似词检索。
            </Typography.Text>
          </div>
          <SearchActions user={user} exportScope={exportScope} onImported={reload} />
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xxl={5}>
          <FacetPanel
            facets={data?.facets}
            selected={state.filters}
            loading={loading}
            onChange={(key, values) => update({ filters: { [key]: values } })}
            onClear={() => update({ filters: NO_FILTERS, status: undefined })}
          />
        </Col>
        <Col xs={24} lg={17} xxl={19}>
          <Card
            title={
              <Space size={8}>
                <span>检索结果</span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  共 {(data?.total ?? 0).toLocaleString('zh-CN')} 条
                </Typography.Text>
              </Space>
            }
            extra={
              <Space size={12} wrap>
                {seesWorking && (
                  <Select<EntryStatus>
                    allowClear
                    size="small"
                    placeholder="全部状态"
                    aria-label="目录状态"
                    style={{ width: 120 }}
                    options={statusOptions}
                    value={state.status as EntryStatus | undefined}
                    onChange={(status) => update({ status })}
                  />
                )}
                <Space size={4}>
                  <Typography.Text type="secondary">排序</Typography.Text>
                  <Select
                    size="small"
                    aria-label="排序方式"
                    style={{ width: 110 }}
                    value={state.sort}
                    options={SORTS.filter((s) => s.value !== 'relevance' || state.q).map((s) => ({ ...s }))}
                    onChange={(sort) => update({ sort })}
                  />
                </Space>
              </Space>
            }
          >
            {data?.fuzzy && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={`未找到与“${state.q}”完全一致的目录，已按近似词检索。`}
              />
            )}
            {filtered && (
              <Space size={[4, 8]} wrap style={{ marginBottom: 12 }}>
                {FACET_KEYS.flatMap((k) =>
                  state.filters[k].map((v) => (
                    <Tag
                      key={`${k}:${v}`}
                      closable
                      onClose={() => update({ filters: { [k]: state.filters[k].filter((x) => x !== v) } })}
                    >
                      {FACET_TITLES[k]}：{facetLabel(k, v)}
                    </Tag>
                  )),
                )}
                {state.status && (
                  <Tag closable onClose={() => update({ status: undefined })}>
                    状态：{entryStatusLabel(state.status)}
                  </Tag>
                )}
              </Space>
            )}
            <ProblemAlert problem={error} />
            <SearchResultList
              items={error ? [] : (data?.items ?? [])}
              loading={loading}
              facets={data?.facets}
              empty={empty}
            />
            {(data?.total ?? 0) > 0 && (
              <Pagination
                style={{ marginTop: 16, justifyContent: 'flex-end' }}
                current={state.page}
                pageSize={state.pageSize}
                total={data?.total ?? 0}
                showSizeChanger
                pageSizeOptions={[10, 20, 50, 100]}
                showTotal={(n) => `共 ${n.toLocaleString('zh-CN')} 条`}
                onChange={(page, pageSize) => {
                  update(pageSize !== state.pageSize ? { page: 1, pageSize } : { page });
                  window.scrollTo({ top: 0 });
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
