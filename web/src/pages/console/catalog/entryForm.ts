// The entry editor's form values and their mapping to the API (EntryInput) and back, and the
// placing of the server's field errors (`items.3.code`, `shareConditions.scope`, …) on the form.
import type { FieldError, Problem } from '../../../api.ts';
import type { EntryInput, EntryView } from '../../../lib/catalog.ts';

export interface ItemRow {
  /** Stable row key for the table (not sent). */
  key: string;
  name?: string;
  code?: string;
  dataType?: string;
  length?: number | null;
  required?: boolean;
  piKind?: string | null;
  grade?: string;
  dataElementId?: number | null;
}

export interface EntryFormValues {
  name?: string;
  summary?: string;
  classificationCode?: string;
  groupCode?: string;
  formatCode?: string;
  frequencyCode?: string;
  shareType?: string;
  shareConditions?: { scope?: string; purpose?: string };
  shareLegalBasis?: string;
  openType?: string;
  openConditions?: string;
  openReason?: string;
  piConsent?: { basis?: string };
  relatedEntryIds?: number[];
  items?: ItemRow[];
}

let seq = 0;
export const rowKey = () => `row-${++seq}`;

export const emptyRow = (): ItemRow => ({
  key: rowKey(),
  required: false,
  piKind: null,
  dataElementId: null,
});

export function toFormValues(e: EntryView): EntryFormValues {
  return {
    name: e.name,
    summary: e.summary,
    classificationCode: e.classificationCode,
    groupCode: e.groupCode,
    formatCode: e.formatCode,
    frequencyCode: e.frequencyCode,
    shareType: e.shareType,
    shareConditions: { scope: e.shareConditions?.scope ?? '', purpose: e.shareConditions?.purpose ?? '' },
    shareLegalBasis: e.shareLegalBasis ?? '',
    openType: e.openType,
    openConditions: e.openConditions ?? '',
    openReason: e.openReason ?? '',
    piConsent: { basis: e.piConsent?.basis ?? '' },
    relatedEntryIds: e.relatedEntryIds,
    items: e.items.map((it) => ({
      key: rowKey(),
      name: it.name,
      code: it.code,
      dataType: it.dataType,
      length: it.length,
      required: it.required,
      piKind: it.piKind,
      grade: it.grade,
      // An automatic binding is the server's guess: keep it explicit only when chosen.
      dataElementId: it.boundAutomatically ? null : it.dataElementId,
    })),
  };
}

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** The request body: only the fields the chosen share/open type uses are sent. */
export function toInput(v: EntryFormValues): EntryInput {
  return {
    name: v.name?.trim() ?? '',
    summary: v.summary?.trim() ?? '',
    classificationCode: v.classificationCode ?? '',
    groupCode: v.groupCode ?? '',
    formatCode: v.formatCode ?? '',
    frequencyCode: v.frequencyCode ?? '',
    shareType: v.shareType ?? '',
    shareConditions:
      v.shareType === '有条件共享'
        ? { scope: text(v.shareConditions?.scope), purpose: text(v.shareConditions?.purpose) }
        : null,
    shareLegalBasis: v.shareType === '不予共享' ? text(v.shareLegalBasis) : null,
    openType: v.openType ?? null,
    openConditions: v.openType === '有条件开放' ? text(v.openConditions) : null,
    openReason: v.openType === '不予开放' ? text(v.openReason) : null,
    piConsent: text(v.piConsent?.basis) ? { basis: text(v.piConsent?.basis) as string } : null,
    relatedEntryIds: v.relatedEntryIds ?? [],
    items: (v.items ?? []).map((it) => ({
      name: it.name?.trim() ?? '',
      code: text(it.code),
      dataType: it.dataType ?? null,
      length: it.length ?? null,
      required: Boolean(it.required),
      piKind: it.piKind ?? null,
      grade: it.grade ?? null,
      dataElementId: it.dataElementId ?? null,
    })),
  };
}

const TOP = [
  'name',
  'summary',
  'classificationCode',
  'groupCode',
  'formatCode',
  'frequencyCode',
  'shareType',
  'shareLegalBasis',
  'openType',
  'openConditions',
  'openReason',
  'relatedEntryIds',
];
const NESTED: Record<string, string[]> = { shareConditions: ['scope', 'purpose'], piConsent: ['basis'] };
const ITEM = ['name', 'code', 'dataType', 'length', 'piKind', 'grade', 'dataElementId'];

export interface PlacedErrors {
  fields: { name: (string | number)[]; errors: string[] }[];
  /** Errors with no field on the form, for the alert. */
  rest: FieldError[];
}

/** Puts each server field error on its form field (items by row); the others go to the alert. */
export function placeErrors(problem: Problem, itemCount: number): PlacedErrors {
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: FieldError[] = [];
  for (const err of problem.errors ?? []) {
    const parts = err.field
      .replace(/^[/#.]+/, '')
      .split(/[./[\]]+/)
      .filter(Boolean);
    let name: (string | number)[] | null = null;
    const [a, b, c] = parts;
    if (a === 'items' && b !== undefined && /^\d+$/.test(b) && Number(b) < itemCount && ITEM.includes(c))
      name = ['items', Number(b), c];
    else if (NESTED[a]?.includes(b)) name = [a, b];
    else if (TOP.includes(a)) name = [a];
    if (!name) {
      rest.push(err);
      continue;
    }
    const k = name.join('.');
    const entry = byName.get(k) ?? { name, errors: [] };
    entry.errors.push(err.message);
    byName.set(k, entry);
  }
  return { fields: [...byName.values()], rest };
}
