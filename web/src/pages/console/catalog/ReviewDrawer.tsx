import { Alert, Button, Card, Descriptions, Drawer, Empty, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { DeadlineBadge } from '../../../components/DeadlineBadge.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { StateTag } from '../../../components/StateTag.tsx';
import {
  type CatalogStandard,
  type EntryView,
  entryPath,
  type VersionDiff,
  type VersionSummary,
} from '../../../lib/catalog.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/useApi.ts';
import type { Id, Matter, MatterAction } from '../../../matterTypes.ts';
import { MatterHistory } from '../matters/MatterHistory.tsx';
import { TransitionModal } from '../matters/TransitionModal.tsx';
import { EntryContent } from './EntryContent.tsx';
import { EntryDiff } from './EntryDiff.tsx';
import { EntryOverlapCheck } from './EntryUsage.tsx';
import { useApiRoutes } from './entryRoutes.ts';
import { decidedAt, providerOf, reviewDataOf, submittedAt } from './reviewData.ts';

interface Props {
  matterId: Id | null;
  standard: CatalogStandard | undefined;
  onClose: () => void;
  /** A decision was taken (the lists reload). */
  onDecided: (m: Matter, action: MatterAction) => void;
}

const OWN_FIELDS = ['entryName', 'entryCode', 'version', 'entryId'];

/** The version under review: what changed since the published version (v ≥ 2) or all of it (v1). */
function ReviewContent({
  entryId,
  version,
  standard,
}: {
  entryId: number;
  version: number;
  standard: CatalogStandard | undefined;
}) {
  const versions = useApi<{ items: VersionSummary[] }>(`/api/v1/catalog/entries/${entryId}/versions`);
  const shown = useApi<EntryView>(`/api/v1/catalog/entries/${entryId}/versions/${version}`);
  // The version it replaces: the latest earlier one that was published.
  const base = [...(versions.data?.items ?? [])]
    .reverse()
    .find((v) => v.version < version && (v.status === 'published' || v.status === 'superseded'));
  const diff = useApi<VersionDiff>(base ? `/api/v1/catalog/entries/${entryId}/diff` : null, {
    from: base?.version,
    to: version,
  });
  const problem = shown.error ?? versions.error ?? diff.error;
  if (!shown.data || !versions.data) return problem ? <ProblemAlert problem={problem} /> : <Spin />;
  const full = <EntryContent entry={shown.data} standard={standard} />;
  if (!base) {
    return (
      <>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`首次发布：以下为第${version}版的全部内容`}
        />
        {full}
      </>
    );
  }
  return (
    <Tabs
      items={[
        {
          key: 'diff',
          label: `变更内容（与现行第${base.version}版比较）`,
          children: diff.data ? <EntryDiff diff={diff.data} standard={standard} /> : <Spin />,
        },
        { key: 'full', label: `第${version}版全部内容`, children: full },
      ]}
    />
  );
}

/** One review opened from the inbox: content or diff, history, and 审核通过并发布 / 退回修改 (Art. 12). */
export function ReviewDrawer({ matterId, standard, onClose, onDecided }: Props) {
  const { data, error, reload } = useApi<Matter>(
    matterId === null ? null : `/api/v1/matters/${encodeURIComponent(String(matterId))}`,
  );
  const has = useApiRoutes();
  const [pending, setPending] = useState<{ action: MatterAction; key: number } | null>(null);
  const m = data && String(data.id) === String(matterId) ? data : undefined;
  const d = reviewDataOf(m);
  const deadline = m?.deadlines.find((x) => x.status === 'open' || x.status === 'overdue') ?? null;
  const extra = (m?.fields ?? []).filter((f) => !OWN_FIELDS.includes(f.key) && f.value);

  const actions = m && m.actions.length > 0 && (
    <Space>
      {m.actions.map((a) => (
        <Button
          key={a.name}
          type={a.tone === 'primary' ? 'primary' : 'default'}
          danger={a.tone === 'danger'}
          onClick={() => setPending({ action: a, key: Date.now() })}
        >
          {a.label}
        </Button>
      ))}
    </Space>
  );

  return (
    <Drawer
      open={matterId !== null}
      onClose={onClose}
      size="min(1120px, calc(100vw - 48px))"
      title={m ? m.title : '目录审核'}
      extra={actions}
      destroyOnHidden
    >
      <ProblemAlert problem={error} />
      {!m || !d ? (
        !error && <Spin description="正在加载…" style={{ display: 'block', marginTop: 48 }} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={3}
            items={[
              {
                key: 'state',
                label: '审核状态',
                children: <StateTag name={m.stateName} tone={m.stateTone} />,
              },
              { key: 'provider', label: '提供部门', children: providerOf(m) ?? '—' },
              {
                key: 'entry',
                label: '目录',
                children: (
                  <Space size={6}>
                    <Link to={entryPath(d.entryId)}>{d.entryName}</Link>
                    <Tag>第{d.version}版</Tag>
                  </Space>
                ),
              },
              { key: 'code', label: '资源代码', children: <span className="mono">{d.entryCode}</span> },
              { key: 'submitted', label: '提交时间', children: formatDateTime(submittedAt(m)) },
              m.state === 'returned'
                ? {
                    key: 'deadline',
                    label: '修改期限',
                    children: <DeadlineBadge deadline={deadline} showDueDate />,
                  }
                : m.state === 'published'
                  ? {
                      key: 'published',
                      label: '发布时间',
                      children: formatDateTime(decidedAt(m, 'published')),
                    }
                  : {
                      key: 'basis',
                      label: '审核依据',
                      children: <ArticleRef article="Art. 12" />,
                    },
            ]}
          />
          {extra.map((f) => (
            <Alert
              key={f.key}
              type="warning"
              showIcon
              title={f.label}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{f.value}</span>}
            />
          ))}
          {m.actions.length === 0 && m.state === 'reviewing' && (
            <Typography.Text type="secondary">
              该目录由其他审核部门审核，您可以查看但不能办理。
            </Typography.Text>
          )}
          <Card size="small" title="目录内容">
            <ReviewContent entryId={d.entryId} version={d.version} standard={standard} />
          </Card>
          {m.state === 'reviewing' && has('GET /api/v1/catalog/entries/{id}/overlaps') && (
            <EntryOverlapCheck entryId={d.entryId} />
          )}
          <Card size="small" title="审核记录">
            {m.history.length ? (
              <MatterHistory history={m.history} tone={m.stateTone} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Space>
      )}
      {pending && m && (
        <TransitionModal
          key={pending.key}
          matterId={m.id}
          matterTitle={m.title}
          action={pending.action}
          onClose={() => setPending(null)}
          onDone={(next, action) => {
            setPending(null);
            reload();
            onDecided(next, action);
          }}
        />
      )}
    </Drawer>
  );
}
