import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Problem } from '../../../api.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type EntryView, useCatalogStandard } from '../../../lib/catalog.ts';
import { formatDate, levelLabel } from '../../../lib/format.ts';
import { hasPermission, useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';
import { EntryActions } from './EntryActions.tsx';
import { EntryContent } from './EntryContent.tsx';
import { EntryReviewNotice } from './EntryReviewNotice.tsx';
import { EntryRevocationNotice, type Revocation } from './EntryRevocationNotice.tsx';
import { EntryStatusTag, GradeTag, VersionStatusTag } from './EntryTags.tsx';
import { EntryOverlapCheck, type EntryUser, EntryUsers } from './EntryUsage.tsx';
import { EntryVersions } from './EntryVersions.tsx';
import { useApiRoutes } from './entryRoutes.ts';

const muted = { color: 'rgba(0,0,0,0.45)' } as const;
const EVER_PUBLISHED = ['published', 'revoking', 'revoked'];

/** 目录详情: the entry as the caller may read it, its versions and what may be done with it. */
export default function EntryPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const has = useApiRoutes();
  const { standard } = useCatalogStandard();
  const { data, error, loading, reload } = useApi<EntryView>(
    `/api/v1/catalog/entries/${encodeURIComponent(id)}`,
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const entry = data && String(data.id) === id ? data : undefined;
  // Only the provider and its reviewing authority are answered: an answer to another agency
  // tells the page that the caller reviews this entry.
  const users = useApi<{ items: EntryUser[] }>(
    entry &&
      EVER_PUBLISHED.includes(entry.status) &&
      has('GET /api/v1/catalog/entries/{id}/users') &&
      (String(user?.agency?.id) === String(entry.providerAgency.id) || hasPermission(user, 'catalog.review'))
      ? `/api/v1/catalog/entries/${entry.id}/users`
      : null,
  );
  const revocation = useApi<{ revocation: Revocation | null }>(
    entry && has('GET /api/v1/catalog/entries/{id}/revocation') && entry.status !== 'draft'
      ? `/api/v1/catalog/entries/${entry.id}/revocation`
      : null,
  );

  if (error && !entry) {
    const missing = error.status === 404 || error.status === 403 || error.status === 400;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '目录不存在或尚未发布' : error.title}
        subTitle={
          missing
            ? '未发布的目录仅提供部门及其审核部门可以查看；已撤销的目录不再对其他部门显示。'
            : error.detail
        }
        extra={
          <Link to="/console/catalog">
            <Button type="primary">返回政务数据目录</Button>
          </Link>
        }
      />
    );
  }
  if (!entry) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin description="正在加载目录…" />
      </div>
    );
  }

  const own = user?.agency != null && String(user.agency.id) === String(entry.providerAgency.id);
  // The provider and the authorities see the working version, the users, the overlap check.
  const insider = own || hasPermission(user, 'catalog.review');
  const overlaps = insider && has('GET /api/v1/catalog/entries/{id}/overlaps');
  const reviewer = !own && Boolean(users.data);
  const showUsers = Boolean(users.data);
  const revision = `${entry.version}:${entry.versionStatus}:${entry.updatedAt}:${entry.status}`;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
          <div style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Space size={8} wrap style={{ marginBottom: 8 }}>
              <Tag color="blue">政务数据目录</Tag>
              <EntryStatusTag status={entry.status} />
              <Tag>第{entry.version}版</Tag>
              {entry.versionStatus !== 'published' && entry.status !== entry.versionStatus && (
                <VersionStatusTag status={entry.versionStatus} />
              )}
              <GradeTag code={entry.grade} grades={standard?.grades} computed />
            </Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {entry.name}
            </Typography.Title>
            <div style={{ marginTop: 6 }}>
              <Typography.Text className="mono" copyable>
                {entry.code}
              </Typography.Text>
              <span style={{ ...muted, marginLeft: 12 }}>
                {entry.providerAgency.name}（{levelLabel(entry.providerAgency.level)}）
                {entry.publishDate && ` · ${formatDate(entry.publishDate)}发布`}
              </span>
            </div>
          </div>
          <Space wrap style={{ alignSelf: 'flex-start' }}>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
              刷新
            </Button>
            <EntryActions
              entry={entry}
              has={has}
              reviewer={reviewer}
              onChanged={() => {
                reload();
                users.reload();
                revocation.reload();
              }}
              onProblem={setProblem}
            />
          </Space>
        </div>
      </Card>
      <ProblemAlert problem={problem} style={{ marginBottom: 0 }} onClose={() => setProblem(null)} />
      <EntryRevocationNotice revocation={revocation.data?.revocation ?? null} />
      <EntryReviewNotice
        key={revision}
        reviewMatterId={entry.reviewMatterId}
        versionStatus={entry.versionStatus}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={showUsers || overlaps ? 17 : 24}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              title={
                entry.versionStatus === 'published'
                  ? '目录信息'
                  : `目录信息（第${entry.version}版，尚未发布）`
              }
              size="small"
            >
              <EntryContent entry={entry} standard={standard} />
            </Card>
            <EntryVersions entryId={entry.id} standard={standard} revision={revision} />
          </Space>
        </Col>
        {(showUsers || overlaps) && (
          <Col xs={24} xxl={7}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              {showUsers && <EntryUsers items={users.data?.items ?? []} loading={users.loading} />}
              {overlaps && <EntryOverlapCheck key={revision} entryId={entry.id} />}
            </Space>
          </Col>
        )}
      </Row>
    </Space>
  );
}
