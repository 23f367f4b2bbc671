import { PieChart, type PieSeriesOption } from 'echarts/charts';
import type { LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import type { ChartClick, ChartOption } from '../../../lib/useECharts.ts';
import { useECharts } from '../../../lib/useECharts.ts';

// The shared hook registers bars only; the statistics page also draws donuts.
echarts.use([PieChart]);

export type StatsChartOption =
  | ChartOption
  | ComposeOption<PieSeriesOption | LegendComponentOption | TooltipComponentOption>;

interface Props {
  option: StatsChartOption;
  height: number;
  onClick?: ChartClick;
  label: string;
}

/** An ECharts canvas that also accepts pie series; `label` is read out to screen readers. */
export function StatsChart({ option, height, onClick, label }: Props) {
  const ref = useECharts(option as ChartOption, onClick);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
