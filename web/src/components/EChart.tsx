import { type ChartClick, type ChartOption, useECharts } from '../lib/useECharts.ts';

interface Props {
  option: ChartOption;
  height: number;
  onClick?: ChartClick;
  label: string;
}

/** A plain ECharts canvas; `label` is read out to screen readers. */
export function EChart({ option, height, onClick, label }: Props) {
  const ref = useECharts(option, onClick);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
