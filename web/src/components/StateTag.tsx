import { Tag } from 'antd';
import type { Tone } from '../matterTypes.ts';

const COLORS: Record<Tone, string> = {
  default: 'default',
  processing: 'processing',
  success: 'success',
  warning: 'warning',
  error: 'error',
};

/** A matter state (办理中 / 已退回 / 已办结 …) coloured by the tone the server gives it. */
export function StateTag({ name, tone }: { name: string; tone: Tone }) {
  return (
    <Tag color={COLORS[tone] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {name}
    </Tag>
  );
}
