import { Descriptions, Typography } from 'antd';

import { formatDate } from '../../../lib/format.ts';

// Field names the matter types commonly submit; anything else is shown under its own name.
const LABELS: Record<string, string> = {
  purpose: '用途',
  items: '数据项',
  regionScope: '区域范围',
  validUntil: '有效期至',
  opinion: '审核意见',
  field: '字段',
  sample: '样例',
  reason: '理由',
  legalBasis: '法律依据',
  datasetId: '数据资源',
  catalogId: '数据目录',
  remark: '备注',
};

function show(value: unknown): React.ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.join('、');
  }
  return (
    <Typography.Text className="mono" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value, null, 2)}
    </Typography.Text>
  );
}

/** True when a matter carries submitted content worth a card. */
export function hasMatterData(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.keys(data).length > 0;
}

/** 申报内容: the fields submitted with the matter, as the server stored them. */
export function MatterData({ data }: { data: Record<string, unknown> }) {
  return (
    <Descriptions
      column={1}
      size="small"
      items={Object.entries(data).map(([key, value]) => ({
        key,
        label: LABELS[key] ?? key,
        children: show(value),
      }))}
    />
  );
}
