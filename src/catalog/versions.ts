// Art. 12: a change to a published entry is a new version under review; earlier versions stay
// readable, and the review page shows what changed between two versions.
import { type Actor, type Ctx, inTransaction } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { conflict, notFound } from '../kernel/errors.ts';
import { type EntryView, ownEntry, seesWorkingVersions, viewEntry } from './entries.ts';

export interface VersionSummary {
  version: number;
  status: string;
  name: string;
  publishDate: string | null;
  updatedAt: string;
  updatedBy: string;
}

/** Opens a new draft version copied from the published one (own agency only). */
export async function createVersion(ctx: Ctx, actor: Actor, id: number): Promise<EntryView> {
  await inTransaction(ctx, actor, async (tx) => {
    const e = await ownEntry(tx.db, actor, id);
    await tx.db.selectFrom('catalog_entry').select('id').where('id', '=', id).forUpdate().execute();
    const latest = await tx.db
      .selectFrom('catalog_entry_version')
      .selectAll()
      .where('entry_id', '=', id)
      .where('version', '=', e.latest_version)
      .executeTakeFirstOrThrow();
    if (e.status !== 'published' || latest.status !== 'published')
      throw conflict('catalog-version-exists', '目录当前不能新建版本', {
        detail: '只有已发布且没有在编或审核中版本的目录可以新建版本',
        article: 'Art. 12',
      });
    const { id: oldId, version: _v, ...content } = latest;
    const n = e.latest_version + 1;
    const created = await tx.db
      .insertInto('catalog_entry_version')
      .values({
        ...content,
        version: n,
        status: 'draft',
        publish_date: null,
        review_matter_id: null,
        created_at: tx.now,
        updated_at: tx.now,
        updated_by: actor.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const items = await tx.db
      .selectFrom('catalog_data_item')
      .selectAll()
      .where('version_id', '=', oldId)
      .execute();
    if (items.length)
      await tx.db
        .insertInto('catalog_data_item')
        .values(items.map(({ id: _i, ...it }) => ({ ...it, version_id: created.id })))
        .execute();
    const related = await tx.db
      .selectFrom('catalog_related_entry')
      .select('related_entry_id')
      .where('version_id', '=', oldId)
      .execute();
    if (related.length)
      await tx.db
        .insertInto('catalog_related_entry')
        .values(related.map((r) => ({ version_id: created.id, related_entry_id: r.related_entry_id })))
        .execute();
    await tx.db.updateTable('catalog_entry').set({ latest_version: n }).where('id', '=', id).execute();
    tx.record({
      action: 'catalog.entry.version-opened',
      subject: `catalog-entry:${e.code}`,
      details: { entryId: id, version: n, from: latest.version },
    });
  });
  return viewEntry(ctx.db, id, 'latest');
}

/** The versions the actor may read: all for the provider and its reviewer, else those ever published. */
async function readableVersions(ctx: Ctx, actor: Actor, id: number) {
  const e = await ctx.db
    .selectFrom('catalog_entry')
    .select(['provider_agency_id', 'current_version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!e) throw notFound('目录');
  const all = await seesWorkingVersions(ctx.db, actor, e.provider_agency_id);
  if (!all && e.current_version === null) throw notFound('目录');
  let q = ctx.db.selectFrom('catalog_entry_version').selectAll().where('entry_id', '=', id);
  if (!all) q = q.where('status', 'in', ['published', 'superseded']);
  return q.orderBy('version').execute();
}

export async function listVersions(ctx: Ctx, actor: Actor, id: number): Promise<VersionSummary[]> {
  return (await readableVersions(ctx, actor, id)).map((v) => ({
    version: v.version,
    status: v.status,
    name: v.name,
    publishDate: v.publish_date,
    updatedAt: v.updated_at.toISOString(),
    updatedBy: v.updated_by,
  }));
}

export async function getVersion(ctx: Ctx, actor: Actor, id: number, n: number): Promise<EntryView> {
  const vs = await readableVersions(ctx, actor, id);
  if (!vs.some((v) => v.version === n)) throw notFound('目录版本');
  return { ...(await viewEntry(ctx.db, id, n)), reviewMatterId: null };
}

const ENTRY_FIELDS = [
  'name',
  'summary',
  'classificationCode',
  'groupCode',
  'formatCode',
  'frequencyCode',
  'shareType',
  'shareConditions',
  'shareLegalBasis',
  'openType',
  'openConditions',
  'openReason',
  'piConsent',
  'grade',
  'relatedEntryIds',
] as const satisfies (keyof EntryView)[];

type Item = EntryView['items'][number];
const ITEM_FIELDS = [
  'name',
  'code',
  'dataType',
  'length',
  'required',
  'piKind',
  'grade',
  'dataElementId',
] as const satisfies (keyof Item)[];

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

export interface VersionDiff {
  from: number;
  to: number;
  fields: Change[];
  items: { added: Item[]; removed: Item[]; changed: { code: string; name: string; changes: Change[] }[] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changes<T>(a: T, b: T, fields: readonly (keyof T)[]): Change[] {
  return fields.filter((f) => !same(a[f], b[f])).map((f) => ({ field: String(f), from: a[f], to: b[f] }));
}

/** Field-level differences between two readable versions; items are matched by code, then by name. */
export async function diffVersions(
  ctx: Ctx,
  actor: Actor,
  id: number,
  from: number,
  to: number,
): Promise<VersionDiff> {
  const [a, b] = [await getVersion(ctx, actor, id, from), await getVersion(ctx, actor, id, to)];
  const left = [...a.items];
  const pairs: [Item, Item][] = [];
  const added: Item[] = [];
  for (const it of b.items) {
    let i = left.findIndex((x) => x.code === it.code);
    if (i < 0) i = left.findIndex((x) => x.name === it.name);
    if (i < 0) added.push(it);
    else pairs.push([left.splice(i, 1)[0], it]);
  }
  return {
    from,
    to,
    fields: changes(a, b, ENTRY_FIELDS),
    items: {
      added,
      removed: left,
      changed: pairs
        .map(([x, y]) => ({ code: y.code, name: y.name, changes: changes(x, y, ITEM_FIELDS) }))
        .filter((c) => c.changes.length),
    },
  };
}

/** What other modules list about entries (e.g. the Art. 20 databases): one statement for many. */
export interface EntryFacts {
  id: number;
  code: string;
  name: string;
  groupCode: string;
  frequencyCode: string;
  providerAgencyId: number;
}

/** The published version's facts of each entry (the latest version's before a first publication). */
export async function entryFacts(db: Db | Trx, ids: number[]): Promise<Map<number, EntryFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('catalog_entry as e')
    .innerJoin('catalog_entry_version as v', (j) =>
      j
        .onRef('v.entry_id', '=', 'e.id')
        .on((eb) => eb('v.version', '=', eb.fn.coalesce('e.current_version', 'e.latest_version'))),
    )
    .select(['e.id', 'e.code', 'v.name', 'v.group_code', 'v.frequency_code', 'e.provider_agency_id'])
    .where('e.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        code: r.code,
        name: r.name,
        groupCode: r.group_code,
        frequencyCode: r.frequency_code,
        providerAgencyId: r.provider_agency_id,
      },
    ]),
  );
}
