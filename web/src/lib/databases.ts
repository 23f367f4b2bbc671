/**
 * 基础库与主题库 (Art. 20): the catalog groups under 基础库 / 主题库 with the datasets aggregated into
 * them. Types follow src/aggregation/databases.ts.
 */
import type { QualityTrend } from './aggregation.ts';

export type DatabaseKind = 'base' | 'theme';
export type Freshness = 'on_time' | 'late' | 'never_loaded';

export interface DatabaseSummary {
  code: string;
  name: string;
  kind: DatabaseKind;
  /** 基础库 / 主题库 (the root group's name). */
  kindName: string;
  description: string | null;
  datasetCount: number;
  /** Current records of its datasets (latest committed version per key, closed ones excluded). */
  recordCount: number;
  /** Datasets past their entry's update frequency (never-loaded ones counted from registration). */
  lateCount: number;
  neverLoadedCount: number;
  /** Mean rejected share of the datasets' last finished loads; null when none has one. */
  averageErrorRate: number | null;
}

export interface DatabaseDataset {
  id: number;
  name: string;
  entryId: number;
  entryCode: string;
  providerAgencyId: number;
  providerAgencyName: string;
  recordCount: number;
  lastLoadAt: string | null;
  frequencyCode: string;
  frequencyName: string;
  freshness: Freshness;
  late: boolean;
  dueAt: string | null;
  daysLate: number;
  freshnessMessage: string;
  lastErrorRate: number | null;
  /** The latest daily reconciliation's trend; null before the first reconciliation. */
  qualityTrend: QualityTrend | null;
  reconciledOn: string | null;
}

export interface DatabaseDetail extends DatabaseSummary {
  items: DatabaseDataset[];
}

export const DATABASES_API = '/api/v1/aggregation/databases';
export const databaseApi = (code: string) => `${DATABASES_API}/${encodeURIComponent(code)}`;
export const DATABASES_PATH = '/console/aggregation/databases';
export const databasePath = (code: string) => `${DATABASES_PATH}/${encodeURIComponent(code)}`;

// Art. 20: the province builds the base databases; theme databases are improved province-wide and
// built by cities and counties for their own level.
export const KIND_TITLES: Record<DatabaseKind, { title: string; hint: string }> = {
  base: {
    title: '基础库',
    hint: '人口、法人、自然资源和空间地理、电子证照等基础数据库',
  },
  theme: {
    title: '主题库',
    hint: '医疗健康、政务服务、社会保障、生态环保、信用体系、应急管理、国资监管等主题库',
  },
};

/** 人口 → 人口基础库, 医疗健康 → 医疗健康主题库; a name already ending in 库 is kept. */
export const databaseTitle = (d: Pick<DatabaseSummary, 'name' | 'kindName'>) =>
  d.name.endsWith('库') ? d.name : `${d.name}${d.kindName}`;

/** The Chinese label and antd colour of a dataset's freshness. */
export function freshnessOf(d: Pick<DatabaseDataset, 'freshness' | 'late' | 'dueAt'>): {
  label: string;
  color: string;
} {
  if (d.freshness === 'never_loaded')
    return d.late ? { label: '逾期未汇聚', color: 'error' } : { label: '尚未汇聚', color: 'default' };
  if (d.freshness === 'late') return { label: '已逾期', color: 'error' };
  if (!d.dueAt) return { label: '不定期', color: 'default' };
  return { label: '按时', color: 'success' };
}

/** A database's freshness in one badge: the worst of its datasets. */
export function databaseFreshness(s: DatabaseSummary): {
  status: 'success' | 'error' | 'warning' | 'default';
  text: string;
} {
  if (!s.datasetCount) return { status: 'default', text: '暂无数据集' };
  if (s.lateCount) return { status: 'error', text: `${s.lateCount} 个逾期未更新` };
  if (s.neverLoadedCount) return { status: 'warning', text: `${s.neverLoadedCount} 个尚未汇聚` };
  return { status: 'success', text: '均按时更新' };
}
