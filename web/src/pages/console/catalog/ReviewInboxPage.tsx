import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Input, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useCatalogStandard } from '../../../lib/catalog.ts';
import { useUnread } from '../../../lib/unread.ts';
import { useApi } from '../../../lib/useApi.ts';
import type { TodoItem } from '../../../matterTypes.ts';
import { ReviewDrawer } from './ReviewDrawer.tsx';
import { type ReviewTab, ReviewTable } from './ReviewTable.tsx';
import { REVIEW_TYPE, type ReviewRow, useMatterDetails } from './reviewData.ts';

const PAGE = 20;

/** One server-paged list of review matters in a state (the reviewer's region, Art. 5). */
function useReviewList(state: string, page: number) {
  return useApi<{ items: ReviewRow[]; total: number }>('/api/v1/matters', {
    type: REVIEW_TYPE,
    state,
    page,
    pageSize: PAGE,
  });
}

/** 目录审核: the reviews awaiting the caller, those returned (with their revision deadline), those published. */
export default function ReviewInboxPage() {
  const [params, setParams] = useSearchParams();
  const { message } = App.useApp();
  const unread = useUnread();
  const { standard } = useCatalogStandard();
  const tab = (params.get('tab') as ReviewTab | null) ?? 'pending';
  const open = params.get('matter');
  const [keyword, setKeyword] = useState('');
  const [pages, setPages] = useState({ pending: 1, returned: 1, published: 1 });
  const [tick, setTick] = useState(0);

  const todo = useApi<{ items: TodoItem[]; total: number }>('/api/v1/matters/todo');
  const returned = useReviewList('returned', pages.returned);
  const published = useReviewList('published', pages.published);

  const pendingAll = useMemo(
    () => (todo.data?.items ?? []).filter((t) => t.type === REVIEW_TYPE) as ReviewRow[],
    [todo.data],
  );
  const k = keyword.trim().toLowerCase();
  const pending = pendingAll.filter(
    (r) => !k || r.title.toLowerCase().includes(k) || (r.partyName ?? '').toLowerCase().includes(k),
  );
  const lists: Record<ReviewTab, ReviewRow[]> = {
    pending: pending.slice((pages.pending - 1) * PAGE, pages.pending * PAGE),
    returned: returned.data?.items ?? [],
    published: published.data?.items ?? [],
  };
  const details = useMatterDetails(
    lists[tab].map((r) => r.id),
    tick,
  );

  const set = (next: Record<string, string | null>) =>
    setParams((p) => {
      for (const [key, v] of Object.entries(next)) {
        if (v === null) p.delete(key);
        else p.set(key, v);
      }
      return p;
    });
  const hrefOf = (r: ReviewRow) => {
    const p = new URLSearchParams(params);
    p.set('matter', String(r.id));
    return `?${p}`;
  };
  const reload = () => {
    todo.reload();
    returned.reload();
    published.reload();
    setTick((t) => t + 1);
  };

  const paged = (key: ReviewTab, total: number) => ({
    current: pages[key],
    pageSize: PAGE,
    total,
    showSizeChanger: false,
    showTotal: (n: number) => `共 ${n} 件`,
    onChange: (page: number) => setPages((p) => ({ ...p, [key]: page })),
  });
  const label = (text: string, n: number | undefined, color?: string) => (
    <Space size={6}>
      {text}
      {n !== undefined && <Badge count={n} showZero overflowCount={999} color={color ?? '#bfbfbf'} />}
    </Space>
  );
  const error = todo.error ?? returned.error ?? published.error;

  return (
    <>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 760 }}>
            各部门编制的目录提交同级政务数据主管部门审核，审核通过后发布；退回的，提供部门应在 5
            个工作日内按审核意见修改后重新提交（
            <ArticleRef article="Art. 12" />
            ）。
          </Typography.Paragraph>
          <Space>
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
              placeholder="目录名称或提供部门"
              style={{ width: 240 }}
              value={keyword}
              onChange={(e) => {
                setKeyword(e.target.value);
                setPages((p) => ({ ...p, pending: 1 }));
              }}
              aria-label="查找待审核目录"
            />
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          </Space>
        </div>
      </Card>
      <Card>
        <ProblemAlert problem={error} />
        <Tabs
          activeKey={tab}
          onChange={(t) => set({ tab: t === 'pending' ? null : t })}
          items={[
            {
              key: 'pending',
              label: label('待审核', todo.data ? pendingAll.length : undefined, '#1d5ab9'),
              children: (
                <ReviewTable
                  tab="pending"
                  rows={lists.pending}
                  details={details}
                  loading={todo.loading}
                  pagination={paged('pending', pending.length)}
                  empty={
                    k
                      ? '没有符合条件的待审核目录'
                      : '暂无待您审核的目录。部门提交审核后会出现在这里，并在消息中心提醒您。'
                  }
                  hrefOf={hrefOf}
                  onOpen={(r) => set({ matter: String(r.id) })}
                />
              ),
            },
            {
              key: 'returned',
              label: label('已退回（修改期限）', returned.data?.total, '#faad14'),
              children: (
                <ReviewTable
                  tab="returned"
                  rows={lists.returned}
                  details={details}
                  loading={returned.loading}
                  pagination={paged('returned', returned.data?.total ?? 0)}
                  empty="暂无退回修改中的目录"
                  hrefOf={hrefOf}
                  onOpen={(r) => set({ matter: String(r.id) })}
                />
              ),
            },
            {
              key: 'published',
              label: label('已发布', published.data?.total),
              children: (
                <ReviewTable
                  tab="published"
                  rows={lists.published}
                  details={details}
                  loading={published.loading}
                  pagination={paged('published', published.data?.total ?? 0)}
                  empty="暂无审核发布的目录"
                  hrefOf={hrefOf}
                  onOpen={(r) => set({ matter: String(r.id) })}
                />
              ),
            },
          ]}
        />
      </Card>
      <ReviewDrawer
        matterId={open}
        standard={standard}
        onClose={() => set({ matter: null })}
        onDecided={(m, action) => {
          message.success(`已${action.label}：${m.stateName}`);
          unread.refresh();
          reload();
        }}
      />
    </>
  );
}
