import { SyncOutlined } from '@ant-design/icons';
import { Card, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api.ts';
import {
  formatBytes,
  formatCount,
  formatDuration,
  type Load,
  loadApi,
  loadKindLabel,
  type ProgressSample,
  throughput,
} from '../../../lib/aggregation.ts';

const POLL_MS = 1000;
const muted = { color: 'rgba(0,0,0,0.45)' } as const;

interface Props {
  datasetId: number;
  loadId: string;
  /** What the list last said of it (shown until the first poll answers). */
  initial?: Load;
  /** Every poll's answer (the list shows the live counts). */
  onUpdate?: (load: Load) => void;
  /** Called once when the load leaves 'running' (committed, rejected, failed or awaiting confirmation). */
  onSettled: (load: Load) => void;
}

/** A running load, polled every second: bytes read, rows read, rows/s and time left (computed here). */
export function LoadProgress({ datasetId, loadId, initial, onUpdate, onSettled }: Props) {
  const [load, setLoad] = useState<Load | undefined>(initial);
  const [samples, setSamples] = useState<{ first: ProgressSample; last: ProgressSample } | null>(null);
  const settled = useRef(onSettled);
  settled.current = onSettled;
  const updated = useRef(onUpdate);
  updated.current = onUpdate;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const l = await api.get<Load>(loadApi(datasetId, loadId));
        if (!live) return;
        setLoad(l);
        updated.current?.(l);
        const s = { at: Date.now(), rowsRead: l.rowsRead, bytesRead: l.bytesRead };
        setSamples((prev) => (prev ? { first: prev.first, last: s } : { first: s, last: s }));
        if (l.status !== 'running') {
          settled.current(l);
          return;
        }
      } catch {
        // A poll lost to the network is retried on the next tick.
      }
      if (live) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [datasetId, loadId]);

  const rate = samples && throughput(samples.first, samples.last, load?.bytesTotal ?? null);
  const percent = load?.progress != null ? Math.floor(load.progress * 1000) / 10 : null;

  return (
    <Card size="small" style={{ background: '#f6faff', borderColor: '#bcd6f5' }}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }} aria-live="polite">
        <Space size={8} wrap>
          <SyncOutlined spin style={{ color: '#1d5ab9' }} />
          <Typography.Text strong>
            批次 #{loadId} 正在汇聚{load ? `（${loadKindLabel(load.kind)}）` : ''}
          </Typography.Text>
          {load?.fileName && <span style={muted}>{load.fileName}</span>}
        </Space>
        <Progress
          percent={percent ?? 0}
          status="active"
          format={() => (percent === null ? '—' : `${percent}%`)}
          aria-label="汇聚进度"
        />
        <Space size={20} wrap style={{ fontSize: 13 }}>
          <span>已读取 {formatCount(load?.rowsRead ?? 0)} 行</span>
          <span>拒收 {formatCount(load?.rowsRejected ?? 0)} 行</span>
          {load?.bytesTotal != null && (
            <span>
              {formatBytes(load.bytesRead)} / {formatBytes(load.bytesTotal)}
            </span>
          )}
          <span>
            速度{' '}
            {rate?.rowsPerSecond != null ? `${formatCount(Math.round(rate.rowsPerSecond))} 行/秒` : '计算中…'}
          </span>
          <span>
            预计剩余{' '}
            {rate?.etaSeconds != null
              ? formatDuration(rate.etaSeconds)
              : load?.bytesTotal
                ? '计算中…'
                : '未知'}
          </span>
        </Space>
      </Space>
    </Card>
  );
}
