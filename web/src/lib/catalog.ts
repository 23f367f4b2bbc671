/**
 * Shared shapes, dictionaries and labels of the 政务数据目录 (Ch. 3) for the console pages.
 * Types follow src/catalog/routes.ts (EntrySchema, DiffSchema, …) and the search answer.
 */
import { useEffect, useState } from 'react';
import { api, type Problem, toProblem } from '../api.ts';

export type DictionaryKind = 'classes' | 'groups' | 'formats' | 'frequencies' | 'grades';
export type EntryStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'revoking' | 'revoked';
export type VersionStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'superseded';

export interface Term {
  code: string;
  name: string;
  parentCode: string | null;
  /** Grades only: higher is stricter (就高从严). */
  rank: number | null;
  sortOrder: number;
  description: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
  retired: boolean;
}

export interface DataElement {
  id: number;
  identifier: string;
  name: string;
  synonyms: string[];
  fieldName: string;
  dataType: string;
  length: number | null;
  formatRule: string | null;
  standard: string | null;
  piKind: string | null;
  defaultGrade: string | null;
  version: number;
  retired: boolean;
}

export interface DataItem {
  name: string;
  code: string;
  dataType: string;
  length: number | null;
  required: boolean;
  piKind: string | null;
  grade: string;
  dataElementId: number | null;
  boundAutomatically: boolean;
}

export interface ProviderRef {
  id: number;
  name: string;
  level: string;
  regionCode: string;
}

/** GET /api/v1/catalog/entries/:id (the working version for the provider and its reviewer). */
export interface EntryView {
  id: number;
  code: string;
  status: EntryStatus;
  version: number;
  versionStatus: VersionStatus;
  providerAgency: ProviderRef;
  classificationCode: string;
  name: string;
  summary: string;
  groupCode: string;
  formatCode: string;
  frequencyCode: string;
  shareType: string;
  shareConditions: { scope: string | null; purpose: string | null } | null;
  shareLegalBasis: string | null;
  openType: string;
  openConditions: string | null;
  openReason: string | null;
  piConsent: { basis: string } | null;
  /** Art. 14: the highest of the items' grades, computed by the server. */
  grade: string;
  publishDate: string | null;
  relatedEntryIds: number[];
  items: DataItem[];
  updatedAt: string;
  updatedBy: string;
  reviewMatterId: number | null;
}

/** What the server did by rule while saving (e.g. Art. 21: conditional share without conditions). */
export interface Notice {
  article?: string;
  message: string;
}

export type EntryWithNotices = EntryView & { notices: Notice[] };

export interface ItemInput {
  name: string;
  code?: string | null;
  dataType?: string | null;
  length?: number | null;
  required?: boolean;
  piKind?: string | null;
  grade?: string | null;
  dataElementId?: number | null;
}

/** Body of POST /catalog/entries and PUT /catalog/entries/:id. */
export interface EntryInput {
  name: string;
  summary: string;
  classificationCode: string;
  groupCode: string;
  formatCode: string;
  frequencyCode: string;
  shareType: string;
  shareConditions?: { scope?: string | null; purpose?: string | null } | null;
  shareLegalBasis?: string | null;
  openType?: string | null;
  openConditions?: string | null;
  openReason?: string | null;
  piConsent?: { basis: string } | null;
  relatedEntryIds?: number[];
  items: ItemInput[];
}

export interface VersionSummary {
  version: number;
  status: VersionStatus;
  name: string;
  publishDate: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

export interface VersionDiff {
  from: number;
  to: number;
  fields: Change[];
  items: {
    added: DataItem[];
    removed: DataItem[];
    changed: { code: string; name: string; changes: Change[] }[];
  };
}

/** One row of GET /api/v1/catalog/entries (search). */
export interface EntrySummary {
  id: number;
  code: string;
  name: string;
  summary: string;
  providerAgency: ProviderRef;
  groupCode: string;
  formatCode: string;
  frequencyCode: string;
  shareType: string;
  openType: string;
  grade: string;
  status: EntryStatus;
  version: number;
  publishDate: string | null;
  updatedAt: string;
  highlights?: { name?: string; summary?: string };
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchResponse {
  items: EntrySummary[];
  total: number;
  fuzzy?: boolean;
  facets?: Record<string, FacetValue[]>;
}

// — labels —

export const SHARE_TYPES = ['无条件共享', '有条件共享', '不予共享'] as const;
export const OPEN_TYPES = ['无条件开放', '有条件开放', '不予开放'] as const;

export const SHARE_TYPE_COLORS: Record<string, string> = {
  无条件共享: 'green',
  有条件共享: 'gold',
  不予共享: 'default',
};
export const OPEN_TYPE_COLORS: Record<string, string> = {
  无条件开放: 'green',
  有条件开放: 'gold',
  不予开放: 'default',
};

export const ENTRY_STATUS: Record<EntryStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '审核中', color: 'processing' },
  returned: { label: '退回修改', color: 'warning' },
  published: { label: '已发布', color: 'success' },
  revoking: { label: '撤销过渡期', color: 'orange' },
  revoked: { label: '已撤销', color: 'error' },
};

export const VERSION_STATUS: Record<VersionStatus, { label: string; color: string }> = {
  draft: { label: '编制中', color: 'default' },
  submitted: { label: '审核中', color: 'processing' },
  returned: { label: '退回修改', color: 'warning' },
  published: { label: '现行版本', color: 'success' },
  superseded: { label: '历史版本', color: 'default' },
};

export const entryStatusLabel = (s: string) => ENTRY_STATUS[s as EntryStatus]?.label ?? s;
export const versionStatusLabel = (s: string) => VERSION_STATUS[s as VersionStatus]?.label ?? s;

export const DATA_TYPES: { value: string; label: string }[] = [
  { value: 'string', label: '字符型' },
  { value: 'integer', label: '整数型' },
  { value: 'decimal', label: '数值型' },
  { value: 'date', label: '日期型' },
  { value: 'datetime', label: '日期时间型' },
  { value: 'boolean', label: '布尔型' },
  { value: 'binary', label: '二进制' },
];

export const PI_KINDS: { value: string; label: string }[] = [
  { value: 'id_number', label: '身份证件号码' },
  { value: 'name', label: '姓名' },
  { value: 'phone', label: '电话号码' },
  { value: 'address', label: '住址' },
  { value: 'birth_date', label: '出生日期' },
  { value: 'email', label: '电子邮箱' },
  { value: 'biometric', label: '生物识别信息' },
  { value: 'health', label: '健康信息' },
  { value: 'financial', label: '金融账户信息' },
  { value: 'location', label: '行踪轨迹' },
  { value: 'other', label: '其他个人信息' },
];

const labelOf = (list: { value: string; label: string }[], v: string | null | undefined) =>
  v ? (list.find((x) => x.value === v)?.label ?? v) : '—';
export const dataTypeLabel = (v: string | null | undefined) => labelOf(DATA_TYPES, v);
export const piKindLabel = (v: string | null | undefined) => labelOf(PI_KINDS, v);

/** Tag colours of the grades by their top level (核心 / 重要 / 一般 and its sub-levels). */
export function gradeColor(code: string | null | undefined): string {
  if (!code) return 'default';
  if (code.startsWith('core')) return 'red';
  if (code.startsWith('important')) return 'orange';
  return 'blue';
}

// — the catalog standard (dictionaries and data elements) —

export interface CatalogStandard {
  classes: Term[];
  groups: Term[];
  formats: Term[];
  frequencies: Term[];
  grades: Term[];
  elements: DataElement[];
}

let standardPromise: Promise<CatalogStandard> | null = null;

function fetchStandard(): Promise<CatalogStandard> {
  const terms = (kind: DictionaryKind) =>
    api.get<{ items: Term[] }>(`/api/v1/catalog/dictionaries/${kind}`).then((r) => r.items);
  return Promise.all([
    terms('classes'),
    terms('groups'),
    terms('formats'),
    terms('frequencies'),
    terms('grades'),
    api.get<{ items: DataElement[] }>('/api/v1/catalog/data-elements').then((r) => r.items),
  ]).then(([classes, groups, formats, frequencies, grades, elements]) => ({
    classes,
    groups,
    formats,
    frequencies,
    grades,
    elements,
  }));
}

/** Loads the live dictionaries once per page load (the standard changes rarely); `reload` refetches. */
export function loadCatalogStandard(reload = false): Promise<CatalogStandard> {
  if (!standardPromise || reload) {
    standardPromise = fetchStandard();
    standardPromise.catch(() => {
      standardPromise = null;
    });
  }
  return standardPromise;
}

export interface StandardState {
  standard: CatalogStandard | undefined;
  error: Problem | null;
  loading: boolean;
}

/** The catalog standard for forms and labels: classes, groups, formats, frequencies, grades, data elements. */
export function useCatalogStandard(): StandardState {
  const [state, setState] = useState<StandardState>({ standard: undefined, error: null, loading: true });
  useEffect(() => {
    let live = true;
    loadCatalogStandard()
      .then((standard) => live && setState({ standard, error: null, loading: false }))
      .catch(
        (err: unknown) => live && setState({ standard: undefined, error: toProblem(err), loading: false }),
      );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** The name of a term by code ('—' when empty; the code itself when unknown, e.g. retired). */
export function termName(terms: Term[] | undefined, code: string | null | undefined): string {
  if (!code) return '—';
  return terms?.find((t) => t.code === code)?.name ?? code;
}

/** 分类码 with its path: 101001 → “基础信息资源 / 人口 / 人口基本信息”. */
export function classPath(classes: Term[] | undefined, code: string | null | undefined): string {
  if (!code) return '—';
  const byCode = new Map((classes ?? []).map((t) => [t.code, t]));
  const names: string[] = [];
  for (let t = byCode.get(code); t; t = t.parentCode ? byCode.get(t.parentCode) : undefined)
    names.unshift(t.name);
  return names.length ? names.join(' / ') : code;
}

export interface TermNode {
  value: string;
  title: string;
  label: string;
  selectable?: boolean;
  children?: TermNode[];
}

/**
 * Terms as a tree for TreeSelect/Cascader. `leafOnly` keeps the upper levels unselectable (an entry is
 * filed under a 目 or 细目 of the 分类码, never under a 类 or 项).
 */
export function termTree(
  terms: Term[],
  opts: { withCode?: boolean; selectable?: (t: Term) => boolean } = {},
) {
  const byParent = new Map<string | null, Term[]>();
  const codes = new Set(terms.map((t) => t.code));
  for (const t of terms) {
    const p = t.parentCode && codes.has(t.parentCode) ? t.parentCode : null;
    byParent.set(p, [...(byParent.get(p) ?? []), t]);
  }
  const build = (parent: string | null): TermNode[] =>
    (byParent.get(parent) ?? []).map((t) => {
      const children = build(t.code);
      const title = opts.withCode ? `${t.code} ${t.name}` : t.name;
      return {
        value: t.code,
        title,
        label: title,
        selectable: opts.selectable ? opts.selectable(t) : true,
        ...(children.length ? { children } : {}),
      };
    });
  return build(null);
}

/** Art. 14 就高从严: the strictest of the given grade codes (by rank), as the server computes it. */
export function highestGrade(codes: (string | null | undefined)[], grades: Term[]): Term | undefined {
  let best: Term | undefined;
  for (const c of codes) {
    const g = grades.find((t) => t.code === c);
    if (g && (!best || (g.rank ?? 0) > (best.rank ?? 0))) best = g;
  }
  return best;
}

/** The element an item name binds to when saved without one (name, then synonym — as the server does). */
export function elementByName(
  elements: DataElement[],
  name: string | null | undefined,
): DataElement | undefined {
  const n = name?.trim();
  if (!n) return undefined;
  return elements.find((e) => e.name === n) ?? elements.find((e) => e.synonyms.includes(n));
}

export const entryPath = (id: number | string) =>
  `/console/catalog/entries/${encodeURIComponent(String(id))}`;
