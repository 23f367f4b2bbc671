/**
 * Shapes, labels and helpers of 数据汇聚 (Ch. 4, Art. 17–20) for the console pages.
 * Types follow src/aggregation/routes.ts (DatasetSchema, LoadSchema) and the quality report it stores.
 */
import { useEffect, useState } from 'react';
import { ApiError, api, readCookie } from '../api.ts';
import type { CurrentUser } from '../types.ts';

export type RuleKind =
  | 'required'
  | 'type'
  | 'length'
  | 'enumeration'
  | 'pattern'
  | 'range'
  | 'unique'
  | 'id_number'
  | 'uscc'
  | 'region_code'
  | 'phone'
  | 'email'
  | 'not_future';

/** A declared quality rule (Art. 19), as stored per dataset column. */
export interface Rule {
  kind: RuleKind;
  severity?: 'error' | 'warning';
  params?: Record<string, unknown>;
}

export interface DatasetColumn {
  position: number;
  itemCode: string;
  itemName: string;
  sourceName: string;
  dataType: string;
  piKind: string | null;
  grade: string;
  /** Art. 38: stored encrypted (重要/核心 grade or personal information). */
  protected: boolean;
  rules: Rule[];
}

export interface Dataset {
  id: number;
  entryId: number;
  entryVersion: number;
  providerAgencyId: number;
  regionCode: string;
  name: string;
  mode: 'physical' | 'logical';
  keyItems: string[];
  errorThreshold: number;
  closeGuard: number;
  dataKeyId: number;
  createdAt: string;
  createdBy: string;
  columns: DatasetColumn[];
}

export type LoadStatus =
  | 'running'
  | 'awaiting_confirmation'
  | 'committed'
  | 'failed'
  | 'rejected'
  | 'cancelled';

export interface QualitySample {
  row: number;
  value: string | null;
  message: string;
}

export interface QualityFinding {
  /** 1-based position of the dataset column. */
  column: number;
  item: string;
  ruleId: string;
  label: string;
  errors: number;
  warnings: number;
  samples: QualitySample[];
}

/** Art. 11 智能识别: what the first rows of a file showed against the declared items. */
export interface IdentifyFinding {
  column: string;
  itemCode: string | null;
  detected: string | null;
  confidence: number;
  messages: string[];
}

export interface LoadReport {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  errors: number;
  warnings: number;
  errorRate: number;
  findings: QualityFinding[];
  header?: string[];
  columnOf?: number[];
  identification?: IdentifyFinding[];
}

export interface Load {
  id: string;
  datasetId: number;
  kind: 'full' | 'incremental' | string;
  source: string;
  fileName: string | null;
  status: LoadStatus | string;
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  committedAt: string | null;
  /** 0–1 by bytes read, when the size is known. */
  progress: number | null;
  bytesRead: number;
  bytesTotal: number | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsAdded: number;
  rowsChanged: number;
  rowsUnchanged: number;
  rowsClosed: number;
  error: string | null;
  report?: LoadReport | null;
}

export interface RecordsPage {
  items: Record<string, string | null>[];
  next: string | null;
  asOf: string;
}

/** Art. 19 日常对账: one dataset's report for one Beijing day (src/aggregation/reconciliation.ts). */
export interface Reconciliation {
  datasetId: number;
  /** The Beijing day reconciled, YYYY-MM-DD. */
  day: string;
  lastLoadAt: string | null;
  /** By the entry's update frequency; null when it is irregular (or the entry could not be read). */
  dueAt: string | null;
  late: boolean;
  currentRows: number;
  /** The count at the previous reconciliation; null on the first. */
  previousRows: number | null;
  changeRatio: number | null;
  changeFlagged: boolean;
  /** The latest finished loads' shares of rejected rows, oldest first. */
  errorRates: number[];
  qualityTrend: QualityTrend;
}

export type QualityTrend = 'improving' | 'stable' | 'worsening' | 'none';

// — paths —

export const DATASETS_API = '/api/v1/aggregation/datasets';
export const datasetApi = (id: number | string) => `${DATASETS_API}/${encodeURIComponent(String(id))}`;
export const loadApi = (datasetId: number | string, loadId: string) =>
  `${datasetApi(datasetId)}/loads/${encodeURIComponent(loadId)}`;
export const datasetPath = (id: number | string) =>
  `/console/aggregation/datasets/${encodeURIComponent(String(id))}`;
export const rejectedCsvUrl = (datasetId: number | string, loadId: string, clear = false) =>
  `${loadApi(datasetId, loadId)}/rejected.csv${clear ? '?clear=true' : ''}`;

// — labels —

export const LOAD_STATUS: Record<LoadStatus, { label: string; color: string }> = {
  running: { label: '进行中', color: 'processing' },
  awaiting_confirmation: { label: '等待确认', color: 'warning' },
  committed: { label: '已提交', color: 'success' },
  failed: { label: '失败', color: 'error' },
  cancelled: { label: '已撤销', color: 'default' },
  rejected: { label: '已拒收', color: 'volcano' },
};

export const loadStatusOf = (s: string) => LOAD_STATUS[s as LoadStatus] ?? { label: s, color: 'default' };

export const LOAD_KINDS: Record<string, string> = { full: '全量', incremental: '增量' };
export const loadKindLabel = (k: string) => LOAD_KINDS[k] ?? k;

/** A day-on-day change of the record count beyond this share is flagged (the server's CHANGE_BOUND). */
export const RECONCILIATION_CHANGE_BOUND = 0.3;

export const QUALITY_TRENDS: Record<QualityTrend, { label: string; color: string; hint: string }> = {
  improving: { label: '好转', color: 'success', hint: '最近批次的错误率比此前各批次的平均低 1 个百分点以上' },
  stable: { label: '平稳', color: 'blue', hint: '最近批次的错误率与此前各批次的平均相差不到 1 个百分点' },
  worsening: { label: '上升', color: 'error', hint: '最近批次的错误率比此前各批次的平均高 1 个百分点以上' },
  none: { label: '—', color: 'default', hint: '已完成的批次不足两个，尚无趋势' },
};

const TYPE_LABELS: Record<string, string> = {
  string: '字符型',
  integer: '整数型',
  decimal: '数值型',
  date: '日期型',
  datetime: '日期时间型',
  boolean: '布尔型',
  binary: '二进制',
};

const num = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');

/** A rule as a short Chinese tag, with its parameters: '长度≤18', '代码表（4项）', '公民身份号码校验'. */
export function ruleLabel(rule: Rule): string {
  const p = rule.params ?? {};
  switch (rule.kind) {
    case 'required':
      return '必填';
    case 'type':
      return `类型：${TYPE_LABELS[String(p.type)] ?? String(p.type)}`;
    case 'length':
      return p.min !== undefined ? `长度 ${num(p.min)}–${num(p.max)}` : `长度≤${num(p.max)}`;
    case 'enumeration':
      return `代码表（${Array.isArray(p.values) ? p.values.length : 0}项）`;
    case 'pattern':
      return typeof p.message === 'string' && p.message ? `格式：${p.message}` : '格式';
    case 'range':
      return `取值范围 ${num(p.min) || '—'}～${num(p.max) || '—'}`;
    case 'unique':
      return '唯一';
    case 'id_number':
      return '公民身份号码校验';
    case 'uscc':
      return '统一社会信用代码校验';
    case 'region_code':
      return '行政区划代码';
    case 'phone':
      return p.accept === 'mobile' ? '手机号码' : p.accept === 'landline' ? '固定电话' : '电话号码';
    case 'email':
      return '电子邮箱';
    case 'not_future':
      return '不晚于当前';
    default:
      return String(rule.kind);
  }
}

/** What a rule checks, for the tag's tooltip (the standard behind it where there is one). */
export function ruleHint(rule: Rule): string | undefined {
  const p = rule.params ?? {};
  switch (rule.kind) {
    case 'id_number':
      return 'GB 11643：18位、出生日期与校验位；地址码不在现行区划表中为警告';
    case 'uscc':
      return 'GB 32100：字符集与校验位；旧版代码为警告';
    case 'region_code':
      return 'GB/T 2260 的6位代码；格式正确但未知为警告';
    case 'enumeration':
      return Array.isArray(p.values)
        ? (p.values as { code: string; label?: string }[])
            .map((v) => (v.label ? `${v.code} ${v.label}` : v.code))
            .join('，')
        : undefined;
    case 'unique':
      return '同一次汇聚中不得重复';
    case 'required':
      return '值不能为空（主键数据项必填）';
    default:
      return undefined;
  }
}

// — numbers —

/** 0.0523 → '5.23%' (at most 2 decimals, trailing zeros dropped). */
export function formatPercent(share: number | null | undefined, digits = 2): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${Number((share * 100).toFixed(digits))}%`;
}

/** A change as a signed share: 0.125 → '+12.5%', -0.4 → '-40%', 0 → '0%'. */
export function formatChange(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return `${ratio > 0 ? '+' : ''}${formatPercent(ratio, 1)}`;
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('zh-CN');
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** 95 → '1分35秒'; 3700 → '1小时1分'. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}秒`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}分${s % 60 ? `${s % 60}秒` : ''}`;
  return `${Math.floor(m / 60)}小时${m % 60 ? `${m % 60}分` : ''}`;
}

/** One poll of a running load, stamped with the browser's clock (the server's clock may differ). */
export interface ProgressSample {
  at: number;
  rowsRead: number;
  bytesRead: number;
}

export interface Throughput {
  rowsPerSecond: number | null;
  /** Seconds left by bytes, when the file size is known and something has been read. */
  etaSeconds: number | null;
}

/** Rows/s and the time left, from the first and the latest poll of a load (client-side). */
export function throughput(
  first: ProgressSample,
  last: ProgressSample,
  bytesTotal: number | null,
): Throughput {
  const dt = (last.at - first.at) / 1000;
  if (dt <= 0) return { rowsPerSecond: null, etaSeconds: null };
  const rowsPerSecond = (last.rowsRead - first.rowsRead) / dt;
  const bytesPerSecond = (last.bytesRead - first.bytesRead) / dt;
  const etaSeconds =
    bytesTotal && bytesPerSecond > 0 ? Math.max(0, (bytesTotal - last.bytesRead) / bytesPerSecond) : null;
  return { rowsPerSecond, etaSeconds };
}

// — session —

/** Art. 33: only the provider's data officer may see personal data clear (each time ledgered). */
export function seesClear(user: CurrentUser | null, ds: Pick<Dataset, 'providerAgencyId'>): boolean {
  return (
    user?.agency != null &&
    String(user.agency.id) === String(ds.providerAgencyId) &&
    user.roles.some((r) => r.code === 'data_officer')
  );
}

/** Only the provider loads its own datasets (Art. 18). */
export const isProvider = (user: CurrentUser | null, ds: Pick<Dataset, 'providerAgencyId'>) =>
  user?.agency != null && String(user.agency.id) === String(ds.providerAgencyId);

// — requests —

/**
 * Art. 18: sends the file itself as the request body (not multipart), so a large export streams to the
 * server; answers with the load's id as soon as the file is stored and the load opened.
 */
export async function uploadLoad(
  datasetId: number,
  file: File,
  kind: 'full' | 'incremental',
  signal?: AbortSignal,
): Promise<{ loadId: string }> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    Accept: 'application/json, application/problem+json',
  };
  const csrf = readCookie('govdata_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const url = `${datasetApi(datasetId)}/loads?${new URLSearchParams({ kind, fileName: file.name.slice(0, 200) })}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: file, credentials: 'same-origin', signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({
      type: 'about:blank',
      title: '文件上传中断',
      status: 0,
      detail: '无法连接服务器或连接已断开，请检查网络后重新上传。',
    });
  }
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError({
      type: 'about:blank',
      title: res.status === 413 ? '文件过大（上限 2 GB）' : `上传失败（${res.status}）`,
      status: res.status,
      ...(body ?? {}),
    });
  return body as { loadId: string };
}

let agencyNames: Promise<Map<string, string>> | null = null;

/** Agency names by id (the public directory, fetched once per page load) for the provider column. */
export function useAgencyNames(): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    agencyNames ??= api
      .get<{ items: { id: string | number; name: string }[] }>('/api/v1/agencies')
      .then((r) => new Map(r.items.map((a) => [String(a.id), a.name])));
    agencyNames
      .then((m) => live && setNames(m))
      .catch(() => {
        agencyNames = null;
      });
    return () => {
      live = false;
    };
  }, []);
  return names;
}

// — Art. 18 逻辑汇聚 (src/aggregation/logical-routes.ts) —

export type LogicalStatus = 'confirming' | 'confirmed' | 'returned' | 'withdrawn';

/** What the provider registers: the source's interface and the law that forbids copying the data. */
export interface LogicalFields {
  endpointUrl: string;
  method: 'GET' | 'POST';
  description: string;
  legalBasis: string;
  reason?: string | null;
}

export interface LogicalSource extends LogicalFields {
  datasetId: number;
  status: LogicalStatus;
  /** Served only once the authority has confirmed it. */
  inService: boolean;
  matterId: number;
  revision: number;
  registeredAt: string;
  registeredBy: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedByAgencyId: number | null;
  decisionComment: string | null;
}

export const LOGICAL_SOURCES_API = '/api/v1/aggregation/logical-sources';
export const logicalSourceApi = (datasetId: number | string) => `${datasetApi(datasetId)}/logical-source`;

export const LOGICAL_STATUS: Record<LogicalStatus, { label: string; color: string }> = {
  confirming: { label: '确认中', color: 'processing' },
  confirmed: { label: '已确认', color: 'success' },
  returned: { label: '退回修改', color: 'warning' },
  withdrawn: { label: '已撤回', color: 'default' },
};

export const LOGICAL_BASIS_HELP =
  '第十八条：仅限法律法规不允许复制汇聚的数据。请写明禁止复制该数据的法律或法规名称及条款（至少 10 个字）。';
