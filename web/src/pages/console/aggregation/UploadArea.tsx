import { InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { Radio, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { type Problem, toProblem } from '../../../api.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type Dataset, formatBytes, formatPercent, uploadLoad } from '../../../lib/aggregation.ts';

const ACCEPT = '.csv,.txt,.xlsx,.json,.ndjson,.jsonl';

interface Props {
  dataset: Dataset;
  /** Why no file can be sent now (a load running or waiting), or null. */
  blocked: string | null;
  onUploaded: (loadId: string) => void;
}

/** The file goes as the request body; the load then runs in the background (Art. 18). */
export function UploadArea({ dataset, blocked, onUploaded }: Props) {
  const [kind, setKind] = useState<'full' | 'incremental'>('full');
  const [sending, setSending] = useState<File | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const send = async (file: File) => {
    setSending(file);
    setProblem(null);
    try {
      const { loadId } = await uploadLoad(dataset.id, file, kind);
      onUploaded(loadId);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setSending(null);
    }
  };

  const keys = dataset.keyItems
    .map((k) => dataset.columns.find((c) => c.itemCode === k)?.sourceName ?? k)
    .join('、');

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space size={16} wrap>
        <Radio.Group
          aria-label="汇聚方式"
          optionType="button"
          buttonStyle="solid"
          disabled={Boolean(sending) || Boolean(blocked)}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={[
            { value: 'full', label: '全量' },
            { value: 'incremental', label: '增量' },
          ]}
        />
        <Typography.Text type="secondary">
          {kind === 'full'
            ? `文件为数据集的全部记录：文件中没有的现有记录将被关闭；关闭超过 ${formatPercent(dataset.closeGuard)} 时须确认。`
            : '文件只含新增和变更的记录：已有记录不会被关闭。'}
        </Typography.Text>
      </Space>
      <Upload.Dragger
        accept={ACCEPT}
        multiple={false}
        showUploadList={false}
        disabled={Boolean(sending) || Boolean(blocked)}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">{sending ? <LoadingOutlined /> : <InboxOutlined />}</p>
        <p className="ant-upload-text">
          {sending
            ? `正在上传 ${sending.name}（${formatBytes(sending.size)}）…`
            : (blocked ?? `点击或将数据文件拖到此处，按${kind === 'full' ? '全量' : '增量'}汇聚`)}
        </p>
        <p className="ant-upload-hint">
          支持 CSV（UTF-8 或 GBK）、Excel（.xlsx）、JSON 和 NDJSON，单个文件不超过 2 GB；表头（或 JSON
          字段名）按数据项名称对应，须包含主键「{keys}」。
        </p>
      </Upload.Dragger>
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} style={{ marginBottom: 0 }} />
    </Space>
  );
}
