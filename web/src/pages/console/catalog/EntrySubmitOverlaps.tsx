import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import type { Problem } from '../../../api.ts';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { EntryOverlaps, type Overlap } from './EntryOverlaps.tsx';

const MIN = 10;

interface Props {
  problem: Problem | null;
  overlaps: Overlap[];
  busy: boolean;
  onSubmit: (justification: string) => void;
  onCancel: () => void;
}

/**
 * Art. 17: the data can already be had from these published entries. Submitting anyway needs a
 * 重复采集说明 (why the data must be collected again), which the reviewer reads.
 */
export function EntrySubmitOverlaps({ problem, overlaps, busy, onSubmit, onCancel }: Props) {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const short = text.trim().length < MIN;
  return (
    <Card
      size="small"
      title="重复采集比对"
      extra={<ArticleRef article="Art. 17" />}
      styles={{ header: { background: '#fffbe6' } }}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={problem?.title ?? '与已发布目录的数据项重复'}
        description={
          <span>
            {overlaps.length
              ? `以下 ${overlaps.length} 个其他部门已发布的目录已含有相同或相近的数据项。`
              : (problem?.detail ?? '已发布目录已含有相同或相近的数据。')}
            可以通过共享获取的数据，不得重复采集（
            <ArticleRef article="Art. 17" />
            ）。确需另行采集的，请写明重复采集说明后提交，审核部门将一并审核。
          </span>
        }
      />
      {overlaps.length > 0 && <EntryOverlaps overlaps={overlaps} />}
      <Form layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item
          label="重复采集说明"
          required
          validateStatus={touched && short ? 'error' : undefined}
          help={touched && short ? `请写明确需重复采集的理由，至少 ${MIN} 个字` : undefined}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            value={text}
            onChange={(e) => setText(e.target.value)}
            onBlur={() => setTouched(true)}
            placeholder="如 共享数据的更新频率不能满足本部门业务时效要求，经……"
            aria-label="重复采集说明"
          />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy}
            onClick={() => {
              setTouched(true);
              if (!short) onSubmit(text.trim());
            }}
          >
            附说明提交审核
          </Button>
          <Button onClick={onCancel}>暂不提交</Button>
        </Space>
      </Form>
    </Card>
  );
}
