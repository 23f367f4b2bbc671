import { Alert, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { api, type Problem, toProblem } from '../../../api.ts';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type Dataset, formatCount, formatPercent, type Load, loadApi } from '../../../lib/aggregation.ts';
import { formatDateTime } from '../../../lib/format.ts';

interface Props {
  dataset: Dataset;
  load: Load;
  /** The provider with aggregation.load decides; others only see that the load waits. */
  canDecide: boolean;
  onDecided: (load: Load, action: 'confirm' | 'cancel') => void;
}

/**
 * Art. 18: a full load that would close more than the dataset's guard share of its records (an empty
 * or cut-off file) waits until the provider confirms it or withdraws it.
 */
export function AwaitingLoad({ dataset, load, canDecide, onDecided }: Props) {
  const [busy, setBusy] = useState<'confirm' | 'cancel' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // The current records: those closed plus those the file holds again (unchanged or changed).
  const current = Math.max(1, load.rowsClosed + load.rowsUnchanged + load.rowsChanged);

  const decide = async (action: 'confirm' | 'cancel') => {
    setBusy(action);
    setProblem(null);
    try {
      onDecided(await api.post<Load>(`${loadApi(dataset.id, load.id)}/${action}`), action);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Alert
      type="warning"
      showIcon
      title={`批次 #${load.id} 等待确认：将关闭 ${formatCount(load.rowsClosed)} 条现有记录`}
      description={
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <span>
            {`${formatDateTime(load.startedAt)} 由 ${load.startedBy} 上传的全量文件${load.fileName ? `「${load.fileName}」` : ''}` +
              `读取 ${formatCount(load.rowsRead)} 行、接收 ${formatCount(load.rowsAccepted)} 行；` +
              `文件中没有的 ${formatCount(load.rowsClosed)} 条现有记录将被关闭，` +
              `占现有 ${formatCount(current)} 条记录的 ${formatPercent(load.rowsClosed / current, 1)}，` +
              `超过数据集设定的全量关闭比例上限 ${formatPercent(dataset.closeGuard)}（`}
            <ArticleRef article="Art. 18" />
            ）。请核实文件是否完整：确认后批次提交，这些记录关闭（仍可回溯查阅）；撤销则数据集保持不变。
          </span>
          <ProblemAlert problem={problem} onClose={() => setProblem(null)} style={{ marginBottom: 0 }} />
          {canDecide && (
            <Space>
              <Popconfirm
                title="确认提交该批次？"
                description={`将关闭 ${formatCount(load.rowsClosed)} 条现有记录。`}
                okText="确认提交"
                cancelText="再想想"
                onConfirm={() => decide('confirm')}
              >
                <Button type="primary" loading={busy === 'confirm'} disabled={busy !== null}>
                  确认
                </Button>
              </Popconfirm>
              <Button
                danger
                loading={busy === 'cancel'}
                disabled={busy !== null}
                onClick={() => decide('cancel')}
              >
                撤销
              </Button>
            </Space>
          )}
        </Space>
      }
    />
  );
}
