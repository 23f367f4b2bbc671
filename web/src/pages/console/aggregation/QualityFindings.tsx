import type { TableColumnsType } from 'antd';
import { Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart } from '../../../components/EChart.tsx';
import type { QualityFinding, QualitySample } from '../../../lib/aggregation.ts';
import { formatCount } from '../../../lib/aggregation.ts';
import type { ChartOption } from '../../../lib/useECharts.ts';

const ERROR_COLOR = '#e5484d';
const WARNING_COLOR = '#f5a623';

/** Errors and warnings per data item, stacked, the item with most problems on top. */
export function FindingsChart({ findings }: { findings: QualityFinding[] }) {
  const rows = useMemo(() => {
    const by = new Map<number, { item: string; errors: number; warnings: number }>();
    for (const f of findings) {
      const r = by.get(f.column) ?? { item: f.item, errors: 0, warnings: 0 };
      r.errors += f.errors;
      r.warnings += f.warnings;
      by.set(f.column, r);
    }
    return [...by.values()].sort((a, b) => b.errors + b.warnings - (a.errors + a.warnings));
  }, [findings]);
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: ['错误', '警告'] },
      grid: { left: 8, right: 24, top: 30, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.item),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [
        { name: '错误', key: 'errors', color: ERROR_COLOR },
        { name: '警告', key: 'warnings', color: WARNING_COLOR },
      ].map((s) => ({
        name: s.name,
        type: 'bar' as const,
        stack: 'problems',
        barMaxWidth: 18,
        itemStyle: { color: s.color },
        label: {
          show: true,
          position: 'inside' as const,
          formatter: (p: { value: unknown }) => (p.value ? String(p.value) : ''),
        },
        data: rows.map((r) => r[s.key as 'errors' | 'warnings']),
      })),
    }),
    [rows],
  );
  return (
    <EChart
      option={option}
      height={Math.max(140, rows.length * 34 + 50)}
      label={`各数据项问题数：${rows.map((r) => `${r.item} 错误 ${r.errors} 处、警告 ${r.warnings} 处`).join('；')}`}
    />
  );
}

const sampleColumns: TableColumnsType<QualitySample> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 80, align: 'right' },
  {
    title: '值（已脱敏）',
    dataIndex: 'value',
    key: 'value',
    width: 220,
    render: (v: string | null) =>
      v === null || v === '' ? (
        <Typography.Text type="secondary">（空）</Typography.Text>
      ) : (
        <span className="mono">{v}</span>
      ),
  },
  { title: '说明', dataIndex: 'message', key: 'message' },
];

/** One row per (item, finding); expands to its masked samples with their row numbers in the file. */
export function FindingsTable({ findings }: { findings: QualityFinding[] }) {
  const keyOf = (f: QualityFinding) => `${f.column}:${f.ruleId}`;
  const columns: TableColumnsType<QualityFinding> = [
    {
      title: '列',
      dataIndex: 'column',
      key: 'column',
      width: 64,
      align: 'center',
      render: (v: number) => `第${v}列`,
    },
    { title: '数据项', dataIndex: 'item', key: 'item', width: 150 },
    {
      title: '问题',
      dataIndex: 'label',
      key: 'label',
      render: (v: string, f) => (
        <span>
          <Tag color={f.errors ? 'red' : 'gold'}>{f.errors ? '错误' : '警告'}</Tag>
          <span>{v}</span>
        </span>
      ),
    },
    {
      title: '错误',
      dataIndex: 'errors',
      key: 'errors',
      width: 90,
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="danger">{formatCount(v)}</Typography.Text> : 0),
    },
    { title: '警告', dataIndex: 'warnings', key: 'warnings', width: 90, align: 'right', render: formatCount },
    {
      title: '样例',
      key: 'samples',
      width: 80,
      align: 'right',
      render: (_, f) => `${f.samples.length} 条`,
    },
  ];
  return (
    <Table<QualityFinding>
      size="small"
      rowKey={keyOf}
      columns={columns}
      dataSource={findings}
      pagination={findings.length > 20 ? { defaultPageSize: 20, showTotal: (t) => `共 ${t} 类问题` } : false}
      expandable={{
        defaultExpandedRowKeys: findings.slice(0, 1).map(keyOf),
        rowExpandable: (f) => f.samples.length > 0,
        expandedRowRender: (f) => (
          <Table<QualitySample>
            size="small"
            rowKey={(s) => `${s.row}:${s.message}`}
            columns={sampleColumns}
            dataSource={f.samples}
            pagination={false}
          />
        ),
      }}
    />
  );
}
