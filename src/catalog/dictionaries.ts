import type { Selectable } from 'kysely';
import type { Actor, Ctx } from '../kernel/context.ts';
import { inTransaction } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { DomainError, type FieldError, notFound, validationFailed } from '../kernel/errors.ts';
import type { CatalogDataElementTable, CatalogTermTable, DictionaryKind } from './schema.ts';

type Queryable = Db | Trx;

export const DICTIONARY_KINDS: DictionaryKind[] = ['classes', 'groups', 'formats', 'frequencies', 'grades'];
export const DICTIONARY_NAMES: Record<DictionaryKind, string> = {
  classes: '资源分类码',
  groups: '目录分组',
  formats: '数据格式',
  frequencies: '更新频率',
  grades: '数据分级',
};
export const DATA_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'binary'] as const;
export const PI_KINDS = [
  'id_number',
  'name',
  'phone',
  'address',
  'birth_date',
  'email',
  'biometric',
  'health',
  'financial',
  'location',
  'other',
] as const;

export interface Term {
  code: string;
  name: string;
  parentCode: string | null;
  rank: number | null;
  sortOrder: number;
  description: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
  retired: boolean;
}

/** Art. 12: the catalog standard is set by the provincial data authority alone. */
export function assertProvincialAuthority(actor: Actor): void {
  if (actor.agencyLevel !== 'province' || actor.agencyKind !== 'authority') {
    throw new DomainError(403, 'catalog-standard-provincial-only', '仅省级政务数据主管部门可维护目录标准', {
      article: 'Art. 12',
      detail: '目录编制标准由省级政务数据主管部门统一制定',
    });
  }
}

const toTerm = (r: Omit<Selectable<CatalogTermTable>, 'dictionary'>): Term => ({
  code: r.code,
  name: r.name,
  parentCode: r.parent_code,
  rank: r.rank,
  sortOrder: r.sort_order,
  description: r.description,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
  retired: r.retired_at !== null,
});

export async function listTerms(
  db: Queryable,
  kind: DictionaryKind,
  includeRetired = false,
): Promise<Term[]> {
  let q = db.selectFrom('catalog_term').selectAll().where('dictionary', '=', kind);
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  return (await q.orderBy('sort_order').orderBy('code').execute()).map(toTerm);
}

/** The live (not retired) terms of a dictionary, by code. */
export async function liveTerms(db: Queryable, kind: DictionaryKind): Promise<Map<string, Term>> {
  return new Map((await listTerms(db, kind)).map((t) => [t.code, t]));
}

export interface TermInput {
  name: string;
  parentCode?: string | null;
  rank?: number | null;
  sortOrder?: number;
  description?: string | null;
  retired?: boolean;
}

const CLASS_CODE = /^\d(\d{2}(\d{3}(\d{2})?)?)?$/;
const parentOfClass = (code: string) =>
  code.length === 1 ? null : code.slice(0, code.length === 3 ? 1 : code.length === 6 ? 3 : 6);

/** Creates or changes one term; each change raises its version and is ledgered with before/after. */
export async function putTerm(
  ctx: Ctx,
  actor: Actor,
  kind: DictionaryKind,
  code: string,
  input: TermInput,
): Promise<Term> {
  assertProvincialAuthority(actor);
  return inTransaction(ctx, actor, async (tx) => {
    const errors: FieldError[] = [];
    const existing = await tx.db
      .selectFrom('catalog_term')
      .selectAll()
      .where('dictionary', '=', kind)
      .where('code', '=', code)
      .executeTakeFirst();
    let parent = input.parentCode ?? null;
    if (kind === 'classes') {
      // 分类码: 类1位 + 项2位 + 目3位 (+ 细目2位); the parent follows from the code itself.
      if (!CLASS_CODE.test(code))
        errors.push({ field: 'code', message: '分类码应为类1位、项2位、目3位（可加细目2位）的数字' });
      else parent = parentOfClass(code);
    }
    if (!/^[\w.-]{1,40}$/.test(code))
      errors.push({ field: 'code', message: '代码只能包含字母、数字、点、横线和下划线' });
    if (!input.name.trim()) errors.push({ field: 'name', message: '请填写名称' });
    if (parent) {
      const p = await tx.db
        .selectFrom('catalog_term')
        .select('code')
        .where('dictionary', '=', kind)
        .where('code', '=', parent)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      if (!p) errors.push({ field: 'parentCode', message: `上级代码“${parent}”不存在或已停用` });
    }
    const rank = input.rank ?? existing?.rank ?? null;
    if (kind === 'grades' && rank === null)
      errors.push({ field: 'rank', message: '分级须填写等级序号（数值越大越严格）' });
    if (errors.length) throw validationFailed(errors);
    const row = {
      name: input.name.trim(),
      parent_code: parent,
      rank: kind === 'grades' ? rank : null,
      sort_order: input.sortOrder ?? existing?.sort_order ?? 0,
      description: input.description ?? existing?.description ?? null,
      updated_at: tx.now,
      updated_by: actor.username,
      retired_at: input.retired ? (existing?.retired_at ?? tx.now) : null,
    };
    const saved = existing
      ? await tx.db
          .updateTable('catalog_term')
          .set({ ...row, version: existing.version + 1 })
          .where('dictionary', '=', kind)
          .where('code', '=', code)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx.db
          .insertInto('catalog_term')
          .values({ dictionary: kind, code, version: 1, ...row })
          .returningAll()
          .executeTakeFirstOrThrow();
    const term = toTerm(saved);
    tx.record({
      action: existing ? 'catalog.dictionary.changed' : 'catalog.dictionary.added',
      subject: `catalog-dictionary:${kind}:${code}`,
      details: {
        dictionary: kind,
        code,
        version: term.version,
        before: existing ? toTerm(existing) : null,
        after: term,
      },
    });
    return term;
  });
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

type ElementRow = Omit<Selectable<CatalogDataElementTable>, 'updated_at' | 'updated_by'>;

const toElement = (r: ElementRow): DataElement => ({
  id: r.id,
  identifier: r.identifier,
  name: r.name,
  synonyms: r.synonyms,
  fieldName: r.field_name,
  dataType: r.data_type,
  length: r.length,
  formatRule: r.format_rule,
  standard: r.standard,
  piKind: r.pi_kind,
  defaultGrade: r.default_grade,
  version: r.version,
  retired: r.retired_at !== null,
});

export async function listDataElements(db: Queryable, includeRetired = false): Promise<DataElement[]> {
  let q = db.selectFrom('catalog_data_element').selectAll();
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  return (await q.orderBy('identifier').execute()).map(toElement);
}

export interface DataElementInput {
  name: string;
  synonyms?: string[];
  fieldName: string;
  dataType: string;
  length?: number | null;
  formatRule?: string | null;
  standard?: string | null;
  piKind?: string | null;
  defaultGrade?: string | null;
  retired?: boolean;
}

/** Creates (id null) or changes a data element; names and synonyms stay unambiguous across elements. */
export async function saveDataElement(
  ctx: Ctx,
  actor: Actor,
  id: number | null,
  input: DataElementInput,
): Promise<DataElement> {
  assertProvincialAuthority(actor);
  return inTransaction(ctx, actor, async (tx) => {
    const existing = id
      ? await tx.db.selectFrom('catalog_data_element').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (id && !existing) throw notFound('数据元');
    const errors: FieldError[] = [];
    const name = input.name.trim();
    const synonyms = [...new Set((input.synonyms ?? []).map((s) => s.trim()).filter(Boolean))];
    if (!name) errors.push({ field: 'name', message: '请填写数据元名称' });
    if (!(DATA_TYPES as readonly string[]).includes(input.dataType))
      errors.push({ field: 'dataType', message: `数据类型应为 ${DATA_TYPES.join('、')} 之一` });
    if (input.piKind && !(PI_KINDS as readonly string[]).includes(input.piKind))
      errors.push({ field: 'piKind', message: `个人信息类别应为 ${PI_KINDS.join('、')} 之一` });
    if (input.defaultGrade && !(await liveTerms(tx.db, 'grades')).has(input.defaultGrade))
      errors.push({ field: 'defaultGrade', message: `分级“${input.defaultGrade}”不存在` });
    const others = (await listDataElements(tx.db, true)).filter((e) => e.id !== id);
    for (const word of [name, ...synonyms]) {
      const clash = others.find((e) => e.name === word || e.synonyms.includes(word));
      if (clash)
        errors.push({ field: 'synonyms', message: `“${word}”已是数据元“${clash.name}”的名称或同义词` });
    }
    if (errors.length) throw validationFailed(errors);
    const row = {
      name,
      synonyms,
      field_name: input.fieldName,
      data_type: input.dataType,
      length: input.length ?? null,
      format_rule: input.formatRule ?? null,
      standard: input.standard ?? null,
      pi_kind: input.piKind ?? null,
      default_grade: input.defaultGrade ?? null,
      updated_at: tx.now,
      updated_by: actor.username,
      retired_at: input.retired ? (existing?.retired_at ?? tx.now) : null,
    };
    let saved: ElementRow;
    if (existing) {
      saved = await tx.db
        .updateTable('catalog_data_element')
        .set({ ...row, version: existing.version + 1 })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      const count = await tx.db
        .selectFrom('catalog_data_element')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      saved = await tx.db
        .insertInto('catalog_data_element')
        .values({ identifier: `DE${String(Number(count.n) + 1).padStart(5, '0')}`, version: 1, ...row })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const element = toElement(saved);
    tx.record({
      action: existing ? 'catalog.data-element.changed' : 'catalog.data-element.added',
      subject: `catalog-data-element:${element.identifier}`,
      details: { version: element.version, before: existing ? toElement(existing) : null, after: element },
    });
    return element;
  });
}
