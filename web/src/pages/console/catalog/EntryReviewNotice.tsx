import { Alert, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { DeadlineBadge } from '../../../components/DeadlineBadge.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/useApi.ts';
import type { Matter } from '../../../matterTypes.ts';

interface Props {
  reviewMatterId: number | null;
  versionStatus: string;
}

const quote: React.CSSProperties = {
  margin: '6px 0 0',
  padding: '4px 10px',
  borderInlineStart: '3px solid #faad14',
  background: 'rgba(255,255,255,0.6)',
  whiteSpace: 'pre-wrap',
};

/**
 * Where the working version stands in its review (Art. 12): the comments of a return with the
 * 5-working-day revision deadline, or who is reviewing it. Remount (key) to reload.
 */
export function EntryReviewNotice({ reviewMatterId, versionStatus }: Props) {
  const relevant = reviewMatterId !== null && (versionStatus === 'returned' || versionStatus === 'submitted');
  const { data: m } = useApi<Matter>(relevant ? `/api/v1/matters/${reviewMatterId}` : null);
  if (!relevant || !m || String(m.id) !== String(reviewMatterId)) return null;
  const authority = m.parties.find((p) => p.role === 'authority')?.agencyName ?? '审核部门';
  const link = <Link to={`/console/matters/${m.id}`}>查看审核事项</Link>;

  if (versionStatus === 'submitted') {
    const sent = [...m.history].reverse().find((h) => h.toState === 'reviewing');
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 0 }}
        title={`审核中：${sent ? `${formatDateTime(sent.at)} ` : ''}已提交${authority}审核`}
        description={
          <span>
            审核通过后发布；退回的，请按审核意见在 5 个工作日内修改后重新提交（
            <ArticleRef article="Art. 12" />
            ）。{link}
          </span>
        }
      />
    );
  }
  const returned = [...m.history].reverse().find((h) => h.toState === 'returned');
  const deadline = m.deadlines.find((d) => d.status === 'open' || d.status === 'overdue') ?? null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 0 }}
      title={
        <Space size={8} wrap>
          <span>{authority}退回修改</span>
          {deadline && <DeadlineBadge deadline={deadline} showDueDate />}
        </Space>
      }
      description={
        <div>
          {returned && (
            <>
              <Typography.Text type="secondary">
                审核意见（{returned.actorName ?? returned.actor}，{formatDateTime(returned.at)}）：
              </Typography.Text>
              <div style={quote}>{returned.reason}</div>
            </>
          )}
          <div style={{ marginTop: 8 }}>
            请按审核意见修改后重新提交审核（
            <ArticleRef article="Art. 12" />
            ：收到审核意见后 5 个工作日内修改）。{link}
          </div>
        </div>
      }
    />
  );
}
