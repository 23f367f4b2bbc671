import { DownloadOutlined, FileSearchOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import {
  type Dataset,
  datasetApi,
  formatCount,
  isProvider,
  type Load,
  loadKindLabel,
  rejectedCsvUrl,
} from '../../../lib/aggregation.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { hasPermission, useSession } from '../../../lib/session.ts';
import { useApi } from '../../../lib/useApi.ts';
import { AwaitingLoad } from './AwaitingLoad.tsx';
import { LoadProgress } from './LoadProgress.tsx';
import { LoadStatusTag } from './LoadStatusTag.tsx';
import { QualityReportDrawer } from './QualityReportDrawer.tsx';
import { UploadArea } from './UploadArea.tsx';

const muted = { color: 'rgba(0,0,0,0.45)', fontSize: 12 } as const;

/** The outcome of a load watched from this page, in one sentence. */
function outcome(l: Load): { type: 'success' | 'warning' | 'error'; text: string } {
  const counts = `读取 ${formatCount(l.rowsRead)} 行，接收 ${formatCount(l.rowsAccepted)} 行，拒收 ${formatCount(l.rowsRejected)} 行`;
  switch (l.status) {
    case 'committed':
      return {
        type: l.rowsRejected ? 'warning' : 'success',
        text: `批次 #${l.id} 已提交：${counts}；新增 ${formatCount(l.rowsAdded)}、变更 ${formatCount(l.rowsChanged)}、关闭 ${formatCount(l.rowsClosed)} 条记录。`,
      };
    case 'rejected':
      return { type: 'error', text: `批次 #${l.id} 已整批拒收：${l.error ?? counts}。` };
    default:
      return { type: 'error', text: `批次 #${l.id} 汇聚失败：${l.error ?? '原因未知'}` };
  }
}

/** 汇聚批次: upload, the running load's live progress, loads waiting for confirmation, every load's report. */
export function LoadsPanel({ dataset }: { dataset: Dataset }) {
  const { user } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const { data, error, loading, reload } = useApi<{ items: Load[] }>(`${datasetApi(dataset.id)}/loads`);
  const [watching, setWatching] = useState<string[]>([]);
  const [result, setResult] = useState<Load | null>(null);
  const canLoad = hasPermission(user, 'aggregation.load') && isProvider(user, dataset);
  // The running loads' latest polls, over the list's (older) counts.
  const [live, setLive] = useState<Record<string, Load>>({});
  const loads = (data?.items ?? []).map((l) =>
    l.status === 'running' && live[l.id] ? { ...l, ...live[l.id] } : l,
  );
  const openId = params.get('load');

  const running = useMemo(() => {
    const ids = new Set(watching);
    for (const l of loads) if (l.status === 'running') ids.add(l.id);
    return [...ids];
  }, [loads, watching]);
  const awaiting = loads.filter((l) => l.status === 'awaiting_confirmation');
  const blocked = running.length
    ? '有批次正在汇聚，完成后可继续上传'
    : awaiting.length
      ? '有批次等待确认，确认或撤销后可继续上传'
      : null;

  const openReport = (id: string | null) =>
    setParams((p) => {
      if (id) p.set('load', id);
      else p.delete('load');
      return p;
    });

  const columns: TableColumnsType<Load> = [
    {
      title: '批次',
      key: 'load',
      render: (_, l) => (
        <div style={{ minWidth: 0 }}>
          <Space size={6}>
            <span className="mono">#{l.id}</span>
            <Tag style={{ marginInlineEnd: 0 }}>{loadKindLabel(l.kind)}</Tag>
          </Space>
          <Typography.Text
            type="secondary"
            ellipsis={{ tooltip: true }}
            style={{ display: 'block', fontSize: 12, maxWidth: 320 }}
          >
            {l.fileName ?? (l.source === 'upload' ? '（未命名文件）' : l.source)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 96,
      render: (v: string, l) =>
        l.error ? (
          <Tooltip title={l.error}>
            <span>
              <LoadStatusTag status={v} />
            </span>
          </Tooltip>
        ) : (
          <LoadStatusTag status={v} />
        ),
    },
    { title: '读取', dataIndex: 'rowsRead', key: 'read', width: 90, align: 'right', render: formatCount },
    { title: '接收', dataIndex: 'rowsAccepted', key: 'ok', width: 90, align: 'right', render: formatCount },
    {
      title: '拒收',
      dataIndex: 'rowsRejected',
      key: 'rejected',
      width: 76,
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="danger">{formatCount(v)}</Typography.Text> : 0),
    },
    {
      title: '新增 / 变更 / 关闭',
      key: 'changes',
      width: 150,
      align: 'right',
      render: (_, l) =>
        l.status === 'committed' || l.status === 'awaiting_confirmation'
          ? `${formatCount(l.rowsAdded)} / ${formatCount(l.rowsChanged)} / ${formatCount(l.rowsClosed)}`
          : '—',
    },
    {
      title: '开始时间',
      dataIndex: 'startedAt',
      key: 'startedAt',
      width: 170,
      render: (v: string, l) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(v)}</span>
          <span style={muted}>{l.startedBy}</span>
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 230,
      render: (_, l) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<FileSearchOutlined />}
            disabled={l.status === 'running'}
            onClick={() => openReport(l.id)}
          >
            质量报告
          </Button>
          {l.rowsRejected > 0 && l.status !== 'running' && (
            <Tooltip title="下载拒收行（个人信息已脱敏）">
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                href={rejectedCsvUrl(dataset.id, l.id)}
                download
              >
                拒收数据
              </Button>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canLoad && (
        <UploadArea
          dataset={dataset}
          blocked={blocked}
          onUploaded={(id) => {
            setResult(null);
            setWatching((w) => [...w, id]);
            reload();
          }}
        />
      )}
      {running.map((id) => (
        <LoadProgress
          key={id}
          datasetId={dataset.id}
          loadId={id}
          initial={loads.find((l) => l.id === id)}
          onUpdate={(l) => setLive((m) => ({ ...m, [l.id]: l }))}
          onSettled={(l) => {
            setWatching((w) => w.filter((x) => x !== id));
            // A held load is shown with its 确认/撤销 below; the others get their outcome here.
            setResult(l.status === 'awaiting_confirmation' ? null : l);
            reload();
          }}
        />
      ))}
      {result && (
        <Alert
          type={outcome(result).type}
          showIcon
          closable={{ onClose: () => setResult(null) }}
          title={outcome(result).text}
          action={
            result.status !== 'failed' && (
              <Button size="small" onClick={() => openReport(result.id)}>
                查看质量报告
              </Button>
            )
          }
        />
      )}
      {awaiting.map((l) => (
        <AwaitingLoad
          key={l.id}
          dataset={dataset}
          load={l}
          canDecide={canLoad}
          onDecided={(done, action) => {
            message.success(action === 'confirm' ? `批次 #${done.id} 已确认提交` : `批次 #${done.id} 已撤销`);
            setResult(null);
            reload();
          }}
        />
      ))}
      <div>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
          <Typography.Text strong>汇聚批次</Typography.Text>
          <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </div>
        <ProblemAlert problem={error} />
        <Table<Load>
          rowKey="id"
          size="small"
          loading={loading && !data}
          columns={columns}
          dataSource={loads}
          pagination={loads.length > 20 ? { defaultPageSize: 20, showTotal: (t) => `共 ${t} 个批次` } : false}
          scroll={{ x: 1060 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  canLoad
                    ? '尚无汇聚批次。请在上方选择全量或增量，上传数据文件开始汇聚。'
                    : '提供部门尚未汇聚数据。'
                }
              />
            ),
          }}
        />
      </div>
      <QualityReportDrawer dataset={dataset} loadId={openId} onClose={() => openReport(null)} />
    </Space>
  );
}
