import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { articleLabel, formatDate, formatDateTime } from '../lib/format.ts';
import type { DeadlineView } from '../matterTypes.ts';

export const PROVISIONAL_HINT = '该年度节假日安排尚未录入，按周一至周五暂计';

type Deadline = Pick<
  DeadlineView,
  | 'name'
  | 'article'
  | 'articleText'
  | 'dueDate'
  | 'dueAt'
  | 'status'
  | 'metAt'
  | 'late'
  | 'extendedFrom'
  | 'provisional'
  | 'remainingWorkingDays'
  | 'overdueWorkingDays'
>;

interface Props {
  deadline: Deadline | null | undefined;
  /** Also print the due date after the badge. */
  showDueDate?: boolean;
}

interface Look {
  color: string;
  icon: ReactNode;
  text: string;
}

function look(d: Deadline): Look {
  const overdue = d.overdueWorkingDays ?? 0;
  if (d.status === 'overdue' || (d.status === 'open' && overdue > 0)) {
    return { color: 'error', icon: <ExclamationCircleOutlined />, text: `已超期 ${overdue} 个工作日` };
  }
  if (d.status === 'met') {
    const late = d.late ?? (d.metAt !== null && dayjs(d.metAt).isAfter(dayjs(d.dueAt)));
    return late
      ? { color: 'warning', icon: <CheckCircleOutlined />, text: '超期办结' }
      : { color: 'success', icon: <CheckCircleOutlined />, text: '按期办结' };
  }
  if (d.status === 'cancelled') return { color: 'default', icon: <MinusCircleOutlined />, text: '已取消' };
  const left = d.remainingWorkingDays;
  if (left === null) return { color: 'processing', icon: <ClockCircleOutlined />, text: '计时中' };
  return {
    color: left <= 1 ? 'orange' : 'processing',
    icon: <ClockCircleOutlined />,
    text: `剩余 ${left} 个工作日`,
  };
}

function tooltip(d: Deadline): ReactNode {
  return (
    <div style={{ maxWidth: 320 }}>
      <div style={{ fontWeight: 600 }}>
        {d.name} · {articleLabel(d.article)}
      </div>
      {d.articleText && <div style={{ marginTop: 4 }}>{d.articleText}</div>}
      <div style={{ marginTop: 4, opacity: 0.85 }}>
        办理时限：{formatDate(d.dueDate)}
        {d.status === 'open' && d.dueDate === dayjs().format('YYYY-MM-DD') && '（今日到期）'}
        {d.extendedFrom && `（已由 ${formatDate(d.extendedFrom)} 延期）`}
      </div>
      {d.metAt && <div style={{ opacity: 0.85 }}>办结时间：{formatDateTime(d.metAt)}</div>}
    </div>
  );
}

/** A time limit as a badge: 剩余 N 个工作日 / 已超期 N 个工作日 / 按期办结, the article on hover. */
export function DeadlineBadge({ deadline, showDueDate }: Props) {
  if (!deadline) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>无办理时限</span>;
  const l = look(deadline);
  return (
    <Space size={4} wrap={false} style={{ whiteSpace: 'nowrap' }}>
      <Tooltip title={tooltip(deadline)}>
        <Tag color={l.color} icon={l.icon} style={{ marginInlineEnd: 0, cursor: 'help' }}>
          {l.text}
        </Tag>
      </Tooltip>
      {deadline.provisional && deadline.status !== 'met' && deadline.status !== 'cancelled' && (
        <Tooltip title={PROVISIONAL_HINT}>
          <Tag
            color="gold"
            variant="outlined"
            style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4, cursor: 'help' }}
          >
            暂定
          </Tag>
        </Tooltip>
      )}
      {showDueDate && (
        <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{formatDate(deadline.dueDate)}到期</span>
      )}
    </Space>
  );
}
