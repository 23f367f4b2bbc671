/** Shapes of GET /api/v1/catalog/entries (search) and the labels the search page shows. */

import type { EntryStatus, EntrySummary, FacetValue } from '../../../lib/catalog.ts';

export type { EntryStatus, FacetValue };
export type SearchHit = EntrySummary;

export const FACET_KEYS = [
  'provider',
  'group',
  'shareType',
  'openType',
  'grade',
  'format',
  'frequency',
  'level',
  'region',
] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

export const FACET_TITLES: Record<FacetKey, string> = {
  provider: '提供部门',
  group: '目录分组',
  shareType: '共享类型',
  openType: '开放类型',
  grade: '分级',
  format: '资源格式',
  frequency: '更新频率',
  level: '层级',
  region: '行政区划',
};

export interface SearchResponse {
  items: SearchHit[];
  total: number;
  fuzzy?: boolean;
  facets: Partial<Record<FacetKey, FacetValue[]>>;
}

export const SORTS = [
  { value: 'relevance', label: '相关度' },
  { value: 'updated', label: '更新时间' },
  { value: 'name', label: '名称' },
  { value: 'code', label: '代码' },
  { value: 'publishDate', label: '发布日期' },
] as const;
export type SortKey = (typeof SORTS)[number]['value'];
