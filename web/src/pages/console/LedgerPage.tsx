import { ReloadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Card, Empty, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, type Problem, toProblem } from '../../api.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import type { LedgerEvent, LedgerPage as LedgerPageData, LedgerStatus } from '../../types.ts';
import { LedgerStatusCard } from './LedgerStatusCard.tsx';

const PAGE_SIZE = 50;

function detailsText(details: unknown): string {
  if (details === null || details === undefined || details === '') return '';
  return typeof details === 'string' ? details : JSON.stringify(details);
}

const columns: TableColumnsType<LedgerEvent> = [
  {
    title: '序号',
    dataIndex: 'seq',
    key: 'seq',
    width: 80,
    render: (v: number) => <span className="mono">{v}</span>,
  },
  {
    title: '时间',
    dataIndex: 'time',
    key: 'time',
    width: 180,
    render: (v: string) => formatDateTime(v, true),
  },
  {
    title: '操作人',
    dataIndex: 'actorName',
    key: 'actor',
    width: 100,
    render: (v: string | null) => v || '系统',
  },
  {
    title: '所属机构',
    dataIndex: 'agencyName',
    key: 'agency',
    width: 180,
    ellipsis: true,
    render: (v: string | null) => v || '—',
  },
  {
    title: '操作',
    dataIndex: 'action',
    key: 'action',
    width: 150,
    render: (v: string) => <Tag className="mono">{v}</Tag>,
  },
  {
    title: '对象',
    dataIndex: 'subject',
    key: 'subject',
    width: 160,
    ellipsis: true,
    render: (v: string | null) => v || '—',
  },
  {
    title: '详情',
    dataIndex: 'details',
    key: 'details',
    width: 260,
    ellipsis: true,
    render: (v: unknown) => <span className="mono">{detailsText(v) || '—'}</span>,
  },
  {
    title: '哈希',
    dataIndex: 'hash',
    key: 'hash',
    width: 140,
    render: (v: string) => (
      <Typography.Text className="mono" copyable={{ text: v }} title={v}>
        {v.slice(0, 10)}…
      </Typography.Text>
    ),
  },
];

export default function LedgerPage() {
  const status = useApi<LedgerStatus>('/api/v1/ledger/status');
  const [events, setEvents] = useState<LedgerEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async (beforeSeq: number | null) => {
    setLoading(true);
    setProblem(null);
    try {
      const page = await api.get<LedgerPageData>('/api/v1/ledger/events', { limit: PAGE_SIZE, beforeSeq });
      setEvents((prev) => (beforeSeq === null ? page.items : [...prev, ...page.items]));
      setNext(page.nextBeforeSeq ?? null);
      setLoaded(true);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null);
  }, [load]);

  const refresh = () => {
    status.reload();
    void load(null);
  };

  return (
    <>
      <LedgerStatusCard status={status.data} loading={status.loading} error={status.error} />
      <Card
        title="操作留痕"
        extra={
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            刷新
          </Button>
        }
      >
        <ProblemAlert problem={problem} />
        <Table<LedgerEvent>
          rowKey="seq"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={events}
          pagination={false}
          scroll={{ x: 1300 }}
          expandable={{
            rowExpandable: (r) => detailsText(r.details) !== '',
            expandedRowRender: (r) => (
              <pre className="mono" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {typeof r.details === 'string' ? r.details : JSON.stringify(r.details, null, 2)}
                {'\n'}
                哈希：{r.hash}
              </pre>
            ),
          }}
          locale={{
            emptyText: <Empty description="暂无留痕记录。平台中的登录、配置和数据操作将自动记入账本。" />,
          }}
        />
        {loaded && events.length > 0 && (
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            {next !== null ? (
              <Button onClick={() => void load(next)} loading={loading}>
                加载更早的记录
              </Button>
            ) : (
              <Typography.Text type="secondary">已加载全部 {events.length} 条记录</Typography.Text>
            )}
          </div>
        )}
      </Card>
    </>
  );
}
