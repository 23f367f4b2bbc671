import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { Button, Empty, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { DeadlineBadge } from '../../../components/DeadlineBadge.tsx';
import { StateTag } from '../../../components/StateTag.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { Matter } from '../../../matterTypes.ts';
import {
  decidedAt,
  nameFromTitle,
  providerOf,
  type ReviewRow,
  reviewDataOf,
  submittedAt,
} from './reviewData.ts';

export type ReviewTab = 'pending' | 'returned' | 'published';

interface Props {
  tab: ReviewTab;
  rows: ReviewRow[];
  details: Record<string, Matter>;
  loading: boolean;
  pagination: TablePaginationConfig | false;
  empty: ReactNode;
  /** The inbox address with this review opened (a real link: it can be opened in a new tab). */
  hrefOf: (row: ReviewRow) => string;
  onOpen: (row: ReviewRow) => void;
}

/** The reviews of one inbox tab; entry name, version and provider come from each matter's data. */
export function ReviewTable({ tab, rows, details, loading, pagination, empty, hrefOf, onOpen }: Props) {
  const detail = (r: ReviewRow) => details[String(r.id)];
  const columns: TableColumnsType<ReviewRow> = [
    {
      title: '目录名称',
      key: 'name',
      render: (_, r) => {
        const d = reviewDataOf(detail(r));
        return (
          <div>
            <Link to={hrefOf(r)}>{d?.entryName || nameFromTitle(r.title)}</Link>
            {d?.entryCode && (
              <div className="mono" style={{ color: 'rgba(0,0,0,0.45)' }}>
                {d.entryCode}
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: '版本',
      key: 'version',
      width: 110,
      render: (_, r) => {
        const d = reviewDataOf(detail(r));
        if (!d) return '—';
        return d.version > 1 ? <Tag color="purple">第{d.version}版 · 变更</Tag> : <Tag>第1版 · 新编</Tag>;
      },
    },
    {
      title: '提供部门',
      key: 'provider',
      width: 200,
      ellipsis: true,
      render: (_, r) => providerOf(detail(r)) ?? r.partyName ?? '—',
    },
    {
      title: '提交时间',
      key: 'submitted',
      width: 170,
      render: (_, r) => formatDateTime(submittedAt(detail(r))),
    },
    {
      title: '状态',
      key: 'state',
      width: 100,
      render: (_, r) => <StateTag name={r.stateName} tone={r.stateTone} />,
    },
    ...(tab === 'returned'
      ? [
          {
            title: '修改期限（第十二条）',
            key: 'deadline',
            width: 190,
            render: (_: unknown, r: ReviewRow) => (
              <div>
                <DeadlineBadge deadline={r.deadline} />
                {r.deadline && (
                  <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 2 }}>
                    {formatDate(r.deadline.dueDate)}到期
                  </div>
                )}
              </div>
            ),
          },
        ]
      : []),
    ...(tab === 'published'
      ? [
          {
            title: '发布时间',
            key: 'published',
            width: 170,
            render: (_: unknown, r: ReviewRow) => formatDateTime(decidedAt(detail(r), 'published')),
          },
        ]
      : []),
    {
      title: '操作',
      key: 'ops',
      width: 90,
      render: (_, r) =>
        tab === 'pending' ? (
          <Button size="small" type="primary" ghost onClick={() => onOpen(r)}>
            审核
          </Button>
        ) : (
          <Button size="small" type="link" onClick={() => onOpen(r)}>
            查看
          </Button>
        ),
    },
  ];
  return (
    <Table<ReviewRow>
      rowKey={(r) => String(r.id)}
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={pagination}
      scroll={{ x: 980 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
