import { Empty } from 'antd';
import { useMemo } from 'react';
import { EChart } from '../../../components/EChart.tsx';
import type { ChartOption } from '../../../lib/useECharts.ts';
import type { Id, StatusCounts } from '../../../matterTypes.ts';

export type AgencyCounts = StatusCounts & { agencyId: Id; agencyName: string };
export type SupervisionStatus = 'open' | 'overdue' | 'met';

export const STATUS_COLORS: Record<SupervisionStatus, string> = {
  overdue: '#cf1322',
  open: '#1d5ab9',
  met: '#52c41a',
};
export const STATUS_LABELS: Record<SupervisionStatus, string> = {
  open: '进行中',
  overdue: '已超期',
  met: '已办结',
};
const ORDER: SupervisionStatus[] = ['overdue', 'open', 'met'];

interface Props {
  rows: AgencyCounts[];
  onPick: (agencyId: Id, status: SupervisionStatus) => void;
}

/** Horizontal stacked bars per agency (已超期 / 进行中 / 已办结), the most overdue on top. */
export function AgencyChart({ rows, onPick }: Props) {
  const sorted = useMemo(
    () =>
      [...rows].sort(
        (a, b) => b.overdue - a.overdue || b.open - a.open || a.agencyName.localeCompare(b.agencyName, 'zh'),
      ),
    [rows],
  );
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: ORDER.map((s) => STATUS_LABELS[s]) },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, name: '件', nameGap: 6 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((r) => r.agencyName),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: ORDER.map((s) => ({
        name: STATUS_LABELS[s],
        type: 'bar',
        stack: 'total',
        barMaxWidth: 18,
        itemStyle: { color: STATUS_COLORS[s] },
        emphasis: { focus: 'series' },
        data: sorted.map((r) => r[s]),
      })),
    }),
    [sorted],
  );

  if (rows.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="所辖单位暂无限时办理的事项。事项进入限时环节后，这里按单位统计进行、超期与办结情况。"
      />
    );
  }
  return (
    <EChart
      label={`各单位办理时限统计：${sorted.map((r) => `${r.agencyName} 超期 ${r.overdue} 件`).join('，')}`}
      option={option}
      height={Math.max(200, sorted.length * 36 + 60)}
      onClick={(p) => {
        const row = sorted[p.dataIndex];
        const status = ORDER.find((s) => STATUS_LABELS[s] === p.seriesName) ?? 'overdue';
        if (row) onPick(row.agencyId, status);
      }}
    />
  );
}
