import { Tag } from 'antd';
import { loadStatusOf } from '../../../lib/aggregation.ts';

/** 进行中 / 等待确认 / 已提交 / 失败 / 已拒收. */
export function LoadStatusTag({ status }: { status: string }) {
  const s = loadStatusOf(status);
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
      {s.label}
    </Tag>
  );
}
