import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';

/** GET /catalog/entries/:id/revocation (Art. 16). */
export interface Revocation {
  matterId: number;
  status: 'requested' | 'refused' | 'revoking' | 'revoked';
  reason: string;
  requestedAt: string;
  /** The data keeps being provided until this day (6 months after approval), then the entry is revoked. */
  effectiveOn: string | null;
  userCount: number | null;
}

/** Where a revocation stands: under review, refused, in its 6-month grace period, or done. */
export function EntryRevocationNotice({ revocation: r }: { revocation: Revocation | null }) {
  if (!r) return null;
  const matter = <Link to={`/console/matters/${r.matterId}`}>查看撤销事项</Link>;
  const basis = (
    <>
      （<ArticleRef article="Art. 16" />）
    </>
  );
  if (r.status === 'requested')
    return (
      <Alert
        type="info"
        showIcon
        title="撤销申请审核中"
        description={
          <span>
            {formatDateTime(r.requestedAt)} 申请撤销，理由：{r.reason}。审核通过后，已有部门使用的须继续提供 6
            个月
            {basis}。{matter}
          </span>
        }
      />
    );
  if (r.status === 'refused')
    return (
      <Alert
        type="warning"
        showIcon
        closable
        title="撤销申请未获批准"
        description={<span>目录继续有效，请按期维护更新。{matter}</span>}
      />
    );
  if (r.status === 'revoking')
    return (
      <Alert
        type="warning"
        showIcon
        title={`撤销过渡期：继续提供至 ${formatDate(r.effectiveOn)}，期满后撤销`}
        description={
          <span>
            撤销理由：{r.reason}。
            {r.userCount ? `已通知 ${r.userCount} 个使用部门，请及时调整数据来源。` : ''}
            目录已被使用的，撤销申请批准后继续提供 6 个月{basis}。{matter}
          </span>
        }
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      title={`该目录已于 ${formatDate(r.effectiveOn)} 撤销`}
      description={
        <span>
          撤销理由：{r.reason}。{matter}
        </span>
      }
    />
  );
}
