// Art. 18 物理汇聚: a dataset is the data of one published catalog entry, aggregated to the platform;
// its columns are the entry's data items, each with the quality rules its data element implies
// (Art. 19) and, where graded 重要/核心 or holding personal information, encrypted at rest (Art. 38).
import { listDataElements } from '../catalog/dictionaries.ts';
import { seesWorkingVersions, viewEntry } from '../catalog/entries.ts';
import { reviewerOf } from '../catalog/review.ts';
import { type Actor, type Ctx, inTransaction, type Tx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { conflict, forbidden, notFound, ruleViolated, validationFailed } from '../kernel/errors.ts';
import { sendMessage } from '../messages/service.ts';
import { newDataKey } from './keys.ts';
import { defaultRules } from './quality/index.ts';
import type { Rule } from './quality/types.ts';

/** Art. 38: grades whose data is stored encrypted. */
export const PROTECTED_GRADES = new Set(['core', 'important']);

export interface DatasetColumn {
  position: number;
  itemCode: string;
  itemName: string;
  sourceName: string;
  dataType: string;
  piKind: string | null;
  grade: string;
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

export interface NewDataset {
  entryId: number;
  keyItems: string[];
  /** File column per item code, where it differs from the item name. */
  sourceNames?: Record<string, string>;
  errorThreshold?: number;
  closeGuard?: number;
}

/** Art. 18: the provider registers a dataset for one of its published entries. */
export async function createDataset(ctx: Ctx, actor: Actor, input: NewDataset): Promise<Dataset> {
  const id = await inTransaction(ctx, actor, (tx) => insertDataset(tx, actor, input));
  return getDataset(ctx, actor, id);
}

/**
 * createDataset inside the caller's transaction. 'logical' only through registerLogicalSource
 * (logical.ts): a logical dataset needs its source and legal basis on file (Art. 18).
 */
export async function insertDataset(
  tx: Tx,
  actor: Actor,
  input: NewDataset,
  mode: 'physical' | 'logical' = 'physical',
): Promise<number> {
  const entry = await viewEntry(tx.db, input.entryId, 'current').catch(() => null);
  if (!entry) throw notFound('目录');
  if (entry.providerAgency.id !== actor.agencyId)
    throw forbidden('只有目录的提供部门可以为其汇聚数据（第十八条）');
  if (entry.status !== 'published')
    throw ruleViolated('aggregation-entry-not-published', '目录未发布，不能汇聚数据', 'Art. 18', {
      detail: '数据汇聚须对应已发布的政务数据目录',
    });
  const codes = new Set(entry.items.map((i) => i.code));
  const errors = [
    ...(input.keyItems.length ? [] : [{ field: 'keyItems', message: '请至少指定一个主键数据项' }]),
    ...input.keyItems
      .filter((k) => !codes.has(k))
      .map((k) => ({ field: 'keyItems', message: `数据项 ${k} 不在目录「${entry.name}」中` })),
    ...Object.keys(input.sourceNames ?? {})
      .filter((k) => !codes.has(k))
      .map((k) => ({ field: 'sourceNames', message: `数据项 ${k} 不在目录「${entry.name}」中` })),
  ];
  if (errors.length) throw validationFailed(errors);
  const taken = await tx.db
    .selectFrom('agg_dataset')
    .select('id')
    .where('entry_id', '=', entry.id)
    .executeTakeFirst();
  if (taken)
    throw conflict('aggregation-dataset-exists', '该目录已登记数据集', {
      detail: `数据集编号 ${taken.id}`,
    });
  const elements = new Map((await listDataElements(tx.db, true)).map((e) => [e.id, e]));
  const key = await newDataKey(tx.db, tx.ctx.config, tx.now);
  const row = await tx.db
    .insertInto('agg_dataset')
    .values({
      entry_id: entry.id,
      entry_version: entry.version,
      provider_agency_id: entry.providerAgency.id,
      region_code: entry.providerAgency.regionCode,
      name: entry.name,
      mode,
      key_items: input.keyItems,
      error_threshold: String(input.errorThreshold ?? 0.05),
      close_guard: String(input.closeGuard ?? 0.2),
      data_key_id: key.id,
      created_at: tx.now,
      created_by: actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('agg_column')
    .values(
      entry.items.map((item, i) => {
        const el = item.dataElementId === null ? undefined : elements.get(item.dataElementId);
        const rules = defaultRules({
          name: item.name,
          dataType: item.dataType,
          length: item.length,
          // A key item must be present in every row.
          required: item.required || input.keyItems.includes(item.code),
          piKind: item.piKind,
          dataElement: el && {
            name: el.name,
            standard: el.standard,
            dataType: el.dataType,
            length: el.length,
            piKind: el.piKind,
            formatRule: el.formatRule,
          },
        });
        return {
          dataset_id: row.id,
          position: i + 1,
          item_code: item.code,
          item_name: item.name,
          source_name: input.sourceNames?.[item.code] ?? item.name,
          data_type: item.dataType,
          pi_kind: item.piKind,
          grade_code: item.grade,
          // Art. 38: 重要/核心 data and personal information are encrypted at rest.
          protected: PROTECTED_GRADES.has(item.grade) || item.piKind !== null,
          rules: JSON.stringify(rules),
        };
      }),
    )
    .execute();
  tx.record({
    action: 'aggregation.dataset.create',
    subject: `dataset:${row.id}`,
    details: { entryId: entry.id, entryCode: entry.code, keyItems: input.keyItems, mode },
  });
  return row.id;
}

/** A dataset as stored (no permission check: for the loader and the routes after their check). */
export async function readDataset(db: Db | Trx, id: number): Promise<Dataset | null> {
  const d = await db.selectFrom('agg_dataset').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) return null;
  const cols = await db
    .selectFrom('agg_column')
    .selectAll()
    .where('dataset_id', '=', id)
    .orderBy('position')
    .execute();
  return {
    id: d.id,
    entryId: d.entry_id,
    entryVersion: d.entry_version,
    providerAgencyId: d.provider_agency_id,
    regionCode: d.region_code,
    name: d.name,
    mode: d.mode,
    keyItems: d.key_items,
    errorThreshold: Number(d.error_threshold),
    closeGuard: Number(d.close_guard),
    dataKeyId: d.data_key_id,
    createdAt: d.created_at.toISOString(),
    createdBy: d.created_by,
    columns: cols.map((c) => ({
      position: c.position,
      itemCode: c.item_code,
      itemName: c.item_name,
      sourceName: c.source_name,
      dataType: c.data_type,
      piKind: c.pi_kind,
      grade: c.grade_code,
      protected: c.protected,
      rules: (typeof c.rules === 'string' ? JSON.parse(c.rules) : c.rules) as Rule[],
    })),
  };
}

/** Art. 18/19: the provider and its reviewing authority see a dataset, its loads and its quality. */
export async function getDataset(ctx: Ctx, actor: Actor, id: number): Promise<Dataset> {
  const d = await readDataset(ctx.db, id);
  if (!d || !(await seesWorkingVersions(ctx.db, actor, d.providerAgencyId))) throw notFound('数据集');
  return d;
}

/** The provider's own datasets may be loaded by it alone. */
export async function loadableDataset(ctx: Ctx, actor: Actor, id: number): Promise<Dataset> {
  const d = await getDataset(ctx, actor, id);
  if (d.providerAgencyId !== actor.agencyId) throw forbidden('只有数据集的提供部门可以汇聚数据（第十八条）');
  return d;
}

/** The datasets the actor sees: its own agency's, and for an authority those of the agencies it reviews. */
export async function listDatasets(ctx: Ctx, actor: Actor): Promise<Dataset[]> {
  const rows = await ctx.db
    .selectFrom('agg_dataset')
    .select(['id', 'provider_agency_id'])
    .orderBy('id')
    .execute();
  const seen = new Map<number, boolean>();
  const out: Dataset[] = [];
  for (const r of rows) {
    if (!seen.has(r.provider_agency_id))
      seen.set(r.provider_agency_id, await seesWorkingVersions(ctx.db, actor, r.provider_agency_id));
    if (seen.get(r.provider_agency_id)) out.push((await readDataset(ctx.db, r.id))!);
  }
  return out;
}

/**
 * A warning (预警) about a dataset to its provider's data officers and its reviewing authority (Art. 11
 * identification, Art. 19 reconciliation); `title` is the provider's, the authority's says 所辖部门.
 */
export async function warnProviderAndAuthority(
  tx: Tx,
  ds: Dataset,
  title: string,
  body: string,
): Promise<void> {
  const link = `/console/aggregation/datasets/${ds.id}`;
  await sendMessage(tx, {
    to: { agencyId: ds.providerAgencyId, roles: ['data_officer'] },
    category: 'warning',
    title,
    body,
    link,
  });
  await sendMessage(tx, {
    to: { agencyId: await reviewerOf(tx, ds.providerAgencyId) },
    category: 'warning',
    title: `所辖部门${title}`,
    body,
    link,
  });
}
