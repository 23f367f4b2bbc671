import { Descriptions, Typography } from 'antd';

import { formatDate } from '../../../lib/format.ts';
import type { MatterField } from '../../../matterTypes.ts';

// Only for servers that send no declared `fields`: names the matter types commonly submit.
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

/** 申报内容 as the matter type declares it: labelled, formatted by the server, in declared order. */
export function MatterFields({ fields }: { fields: MatterField[] }) {
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={fields.map((f) => ({
        key: f.key,
        label: f.label,
        children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{f.value}</span>,
      }))}
    />
  );
}
