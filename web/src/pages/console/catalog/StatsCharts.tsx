import { Empty, Typography } from 'antd';
import { useMemo } from 'react';
import { levelLabel } from '../../../lib/format.ts';
import { StatsChart, type StatsChartOption } from './StatsChart.tsx';
import { type AgencyStats, type NamedCount, STATE_SERIES, type StatisticsResponse } from './statsTypes.ts';

const AGENCIES_SHOWN = 20;
const none = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;

/** Horizontal stacked bars per agency by entry state, the agencies with the most entries on top. */
export function AgencyStateChart({
  rows,
  onPick,
}: {
  rows: AgencyStats[];
  onPick: (agencyId: number) => void;
}) {
  const shown = useMemo(
    () =>
      [...rows]
        .filter((r) => r.total > 0)
        .sort((a, b) => b.total - a.total || a.agency.name.localeCompare(b.agency.name, 'zh'))
        .slice(0, AGENCIES_SHOWN),
    [rows],
  );
  const option = useMemo<StatsChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: STATE_SERIES.map((s) => s.label) },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, name: '条', nameGap: 6 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: shown.map((r) => r.agency.name),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: STATE_SERIES.map((s) => ({
        name: s.label,
        type: 'bar' as const,
        stack: 'state',
        barMaxWidth: 18,
        itemStyle: { color: s.color },
        emphasis: { focus: 'series' as const },
        data: shown.map((r) => r[s.key]),
      })),
    }),
    [shown],
  );
  if (shown.length === 0) return none('所辖部门尚未编制目录。');
  const hidden = rows.filter((r) => r.total > 0).length - shown.length;
  return (
    <>
      <StatsChart
        label={`各部门目录编制情况：${shown.map((r) => `${r.agency.name} ${r.total} 条，已发布 ${r.published} 条`).join('；')}`}
        option={option}
        height={Math.max(220, shown.length * 30 + 60)}
        onClick={(p) => {
          const row = shown[p.dataIndex];
          if (row) onPick(row.agency.id);
        }}
      />
      {hidden > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          显示目录数最多的 {AGENCIES_SHOWN} 个部门，其余 {hidden} 个部门见下方明细表。
        </Typography.Text>
      )}
    </>
  );
}

/** A donut of published entries by open or share type (Art. 21). */
export function TypeDonut({
  rows,
  colors,
  label,
}: {
  rows: NamedCount[];
  colors: Record<string, string>;
  label: string;
}) {
  const total = rows.reduce((n, r) => n + r.value, 0);
  const option = useMemo<StatsChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
      legend: { bottom: 0, icon: 'circle' },
      series: [
        {
          type: 'pie',
          name: label,
          radius: ['48%', '72%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { formatter: '{b}\n{c} 条', fontSize: 12 },
          data: rows.map((r) => ({
            ...r,
            itemStyle: colors[r.name] ? { color: colors[r.name] } : undefined,
          })),
        },
      ],
    }),
    [rows, colors, label],
  );
  if (total === 0) return none('暂无已发布的目录。');
  return (
    <StatsChart
      label={`${label}：${rows.map((r) => `${r.name} ${r.value} 条`).join('，')}`}
      option={option}
      height={260}
    />
  );
}

/** Entries, published and open per level (省级 / 市级 / 县级). */
export function LevelChart({ rows }: { rows: StatisticsResponse['byLevel'] }) {
  const order = ['province', 'city', 'county'];
  const sorted = [...rows].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  const option = useMemo<StatsChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: sorted.map((r) => levelLabel(r.level)) },
      yAxis: { type: 'value', minInterval: 1, name: '条' },
      series: [
        { name: '目录总数', key: 'total', color: '#8c8c8c' },
        { name: '已发布', key: 'published', color: '#389e0d' },
        { name: '开放', key: 'open', color: '#1d5ab9' },
      ].map((s) => ({
        name: s.name,
        type: 'bar' as const,
        barMaxWidth: 28,
        itemStyle: { color: s.color },
        label: { show: true, position: 'top' as const, fontSize: 11 },
        data: sorted.map((r) => r[s.key as 'total' | 'published' | 'open']),
      })),
    }),
    [sorted],
  );
  if (!rows.some((r) => r.total > 0)) return none('所辖部门尚未编制目录。');
  return (
    <StatsChart
      label={`分层级目录统计：${sorted.map((r) => `${levelLabel(r.level)} ${r.total} 条`).join('，')}`}
      option={option}
      height={260}
    />
  );
}

/** Published entries per catalog group (基础库、主题库 …, Art. 20). */
export function GroupChart({ rows }: { rows: StatisticsResponse['byGroup'] }) {
  const sorted = useMemo(
    () => [...rows].filter((r) => r.published > 0).sort((a, b) => b.published - a.published),
    [rows],
  );
  const option = useMemo<StatsChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((r) => r.groupName),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      series: [
        {
          name: '已发布目录',
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: { color: '#1d5ab9' },
          label: { show: true, position: 'right', fontSize: 11 },
          data: sorted.map((r) => r.published),
        },
      ],
    }),
    [sorted],
  );
  if (sorted.length === 0) return none('暂无已发布的目录。');
  return (
    <StatsChart
      label={`分组已发布目录：${sorted.map((r) => `${r.groupName} ${r.published} 条`).join('，')}`}
      option={option}
      height={Math.max(220, sorted.length * 26 + 24)}
    />
  );
}
