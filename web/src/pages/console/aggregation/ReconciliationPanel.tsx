import {
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  MinusCircleOutlined,
  ReloadOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArticleRef } from '../../../components/ArticleRef.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import {
  type Dataset,
  datasetApi,
  formatChange,
  formatCount,
  formatPercent,
  QUALITY_TRENDS,
  RECONCILIATION_CHANGE_BOUND,
  type Reconciliation,
} from '../../../lib/aggregation.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/useApi.ts';

const muted = { color: 'rgba(0,0,0,0.45)', fontSize: 12 } as const;
const tagStyle = { marginInlineEnd: 0 } as const;
// The three timeliness tags share a width, so the dates beside them line up.
const timelinessStyle = { ...tagStyle, minWidth: 72, textAlign: 'center' } as const;

/** 按时 / 已逾期 by the entry's update frequency; 不定期 when there is no due date. */
function TimelinessTag({ r }: { r: Reconciliation }) {
  if (r.late)
    return (
      <Tag color="error" icon={<ExclamationCircleOutlined />} style={timelinessStyle}>
        已逾期
      </Tag>
    );
  if (!r.dueAt)
    return (
      <Tooltip title="目录更新频率为不定期，不判断是否逾期">
        <Tag icon={<MinusCircleOutlined />} style={{ ...timelinessStyle, cursor: 'help' }}>
          不定期
        </Tag>
      </Tooltip>
    );
  return (
    <Tag color="success" icon={<CheckCircleOutlined />} style={timelinessStyle}>
      按时
    </Tag>
  );
}

function RowsChange({ r }: { r: Reconciliation }) {
  if (r.previousRows === null) return <span style={muted}>首次对账</span>;
  const change = (
    <Tooltip title={`上次对账 ${formatCount(r.previousRows)} 条`}>
      <span style={{ ...muted, cursor: 'help', ...(r.changeFlagged && { color: '#d4380d' }) }}>
        {r.changeRatio === null ? '上次 0 条' : `较上次 ${formatChange(r.changeRatio)}`}
      </span>
    </Tooltip>
  );
  if (!r.changeFlagged) return change;
  return (
    <Space size={6}>
      {change}
      <Tooltip
        title={`记录数较上次对账变化超过 ${formatPercent(RECONCILIATION_CHANGE_BOUND)}，请核查是否漏抽或重复抽取`}
      >
        <Tag color="volcano" icon={<WarningOutlined />} style={{ ...tagStyle, cursor: 'help' }}>
          变化异常
        </Tag>
      </Tooltip>
    </Space>
  );
}

function ErrorTrend({ r }: { r: Reconciliation }) {
  const trend = QUALITY_TRENDS[r.qualityTrend] ?? QUALITY_TRENDS.none;
  if (!r.errorRates.length) return <span style={muted}>尚无已完成的批次</span>;
  return (
    <Space size={8} wrap>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>
        {r.errorRates.map((v) => formatPercent(v)).join(' → ')}
      </span>
      <Tooltip title={trend.hint}>
        <Tag color={trend.color} style={{ ...tagStyle, cursor: 'help' }}>
          {trend.label}
        </Tag>
      </Tooltip>
    </Space>
  );
}

const columns: TableColumnsType<Reconciliation> = [
  {
    title: '对账日期',
    dataIndex: 'day',
    key: 'day',
    width: 150,
    render: (v: string) => formatDate(v),
  },
  {
    title: '更新及时性',
    key: 'timeliness',
    width: 280,
    render: (_, r) => (
      <Space size={10} align="start">
        <TimelinessTag r={r} />
        <Space orientation="vertical" size={0}>
          {r.dueAt && <span style={muted}>应于 {formatDateTime(r.dueAt)} 前更新</span>}
          <span style={muted}>{r.lastLoadAt ? `最近汇聚 ${formatDateTime(r.lastLoadAt)}` : '尚未汇聚'}</span>
        </Space>
      </Space>
    ),
  },
  {
    title: '记录数',
    key: 'rows',
    width: 240,
    render: (_, r) => (
      <Space orientation="vertical" size={2}>
        <span>{formatCount(r.currentRows)} 条</span>
        <RowsChange r={r} />
      </Space>
    ),
  },
  {
    title: '错误率趋势',
    key: 'errors',
    render: (_, r) => <ErrorTrend r={r} />,
  },
];

/**
 * 日常对账 (Art. 19): the server's daily report of the dataset, newest first — is its last load late by
 * the entry's update frequency, how its record count moved since the day before, how its loads'
 * error rates trend.
 */
export function ReconciliationPanel({ dataset }: { dataset: Dataset }) {
  const { data, error, loading, reload } = useApi<{ items: Reconciliation[] }>(
    `${datasetApi(dataset.id)}/reconciliation`,
  );
  const items = data?.items ?? [];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
        <Typography.Text type="secondary" style={{ maxWidth: 860 }}>
          系统每日（北京时间）对数据集进行日常对账（
          <ArticleRef article="Art. 19" />
          ）：按目录更新频率检查是否按时更新，比较记录数较上次对账的变化（超过{' '}
          {formatPercent(RECONCILIATION_CHANGE_BOUND)}{' '}
          标记异常），并给出最近批次错误率的趋势；发现异常时通知提供部门及其审核部门。
        </Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} onClick={reload} style={{ flex: 'none' }}>
          刷新
        </Button>
      </div>
      <ProblemAlert problem={error} />
      <Table<Reconciliation>
        rowKey="day"
        size="small"
        loading={loading && !data}
        columns={columns}
        dataSource={items}
        pagination={items.length > 20 ? { defaultPageSize: 20, showTotal: (t) => `共 ${t} 天` } : false}
        scroll={{ x: 960 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                dataset.mode === 'physical'
                  ? '每日对账由系统自动执行，首份报告将在数据集登记后的下一次对账时生成。'
                  : '逻辑汇聚的数据集不在平台存储记录，不做日常对账。'
              }
            />
          ),
        }}
      />
    </Space>
  );
}
