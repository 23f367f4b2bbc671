// Art. 17 不重复采集: data that can be had by sharing is not collected again. A draft whose items are
// already collected by another agency's published entry shows that entry, and its submission needs
// a justification, which the reviewer reads in the review matter and the ledger keeps.
import { type RawBuilder, sql } from 'kysely';
import { getRegion } from '../agencies/regions.ts';
import { agencyRef } from '../agencies/relations.ts';
import type { Actor, Ctx, Tx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { DomainError, forbidden, notFound } from '../kernel/errors.ts';
import { seesWorkingVersions } from './entries.ts';

type Queryable = Db | Trx;

/**
 * Thresholds, chosen on real item and entry names (see overlap.test.ts): trigram similarity of CJK
 * names at 0.45 pairs 户籍地址/户籍地址信息 (0.50) and 统一社会信用代码/社会信用代码 (0.45) but not
 * 参保单位名称/参保单位编号 (0.40) or 出生日期/死亡日期 (0.11). pg_trgm keeps CJK characters on
 * PGlite and on PostgreSQL with a UTF-8 ctype (the test checks the database it runs on); under a
 * plain C ctype it would drop them, and only equal names and data elements would still pair.
 */
export const ITEM_SIMILARITY = 0.45;
/** An entry overlaps when it already holds at least this share of the draft's items… */
export const COVERAGE_MIN = 0.6;
/** …or its name is this similar to the draft's and at least one item is shared. */
export const NAME_SIMILARITY = 0.45;
/** Art. 17: a justification says why the data must be collected again. */
export const JUSTIFICATION_MIN = 10;
const MAX_OVERLAPS = 20;
const RARITY_CAP = 10_000;

export type MatchKind = 'element' | 'name' | 'similar';

export interface LeadDepartmentRef {
  agency: { id: number; name: string };
  regionCode: string;
  basis: string;
}

export interface OverlapPair {
  draftItem: { name: string; code: string };
  publishedItem: { name: string; code: string };
  /** element: the same data element; name: the same name; similar: a similar name. */
  match: MatchKind;
  similarity: number;
  dataElement: { id: number; name: string } | null;
  /** Art. 17: the lead department designated for this data element where the draft's provider sits. */
  leadDepartment: LeadDepartmentRef | null;
}

export interface Overlap {
  entry: { id: number; code: string; name: string; provider: { id: number; name: string } };
  /** 0–1: mostly the share of the draft's items the entry holds, partly the names' similarity. */
  score: number;
  coverage: number;
  nameSimilarity: number;
  items: OverlapPair[];
}

interface DraftItem {
  position: number;
  name: string;
  code: string;
  data_element_id: number | null;
  key: string;
}

interface Ranked {
  entry_id: number;
  version_id: number;
  code: string;
  name: string;
  provider_agency_id: number;
  coverage: number;
  name_sim: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The item names (by key) each draft item pairs with: its own (1) and the similar ones, looked up in
 * the small table of distinct item names rather than among all items.
 */
async function pairableKeys(db: Queryable, draft: DraftItem[]): Promise<Map<number, Map<string, number>>> {
  const out = new Map(draft.map((d) => [d.position, new Map(d.key ? [[d.key, 1]] : [])]));
  const named = draft.filter((d) => d.key);
  if (!named.length) return out;
  const rows = await sql<{ position: number; key: string; sim: number }>`
    select d.position, n.key, similarity(n.name, d.name)::float8 as sim
    from (values ${sql.join(named.map((d) => sql`(${d.position}::int, ${d.name}::text, ${d.key}::text)`))})
      as d(position, name, key)
    join catalog_item_name n on n.name % d.name
    where n.key <> d.key and similarity(n.name, d.name) >= ${ITEM_SIMILARITY}`.execute(db);
  for (const r of rows.rows) out.get(r.position)?.set(r.key, r.sim);
  return out;
}

/**
 * Art. 17: the published entries (current version, in force) of OTHER agencies that hold this
 * entry's working-version items — the same data element, the same name, or a similar name — best
 * first. An entry counts when it holds at least COVERAGE_MIN of the draft's items (a similar name
 * by its similarity), or when its name is similar and it shares an item. Index-only lookups of the
 * matching items, one group-by to rank; the pairs are read for the few entries found.
 */
export async function findOverlaps(db: Queryable, entryId: number, version?: number): Promise<Overlap[]> {
  const e = await db
    .selectFrom('catalog_entry')
    .select(['id', 'provider_agency_id', 'provider_region_code', 'latest_version'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!e) throw notFound('目录');
  const v = await db
    .selectFrom('catalog_entry_version')
    .select(['id', 'name'])
    .where('entry_id', '=', entryId)
    .where('version', '=', version ?? e.latest_version)
    .executeTakeFirstOrThrow();
  const draft = (
    await sql<DraftItem>`
      select position, name, code, data_element_id, catalog_item_key(name) as key
      from catalog_data_item where version_id = ${v.id} order by position`.execute(db)
  ).rows;
  if (!draft.length) return [];
  const keys = await pairableKeys(db, draft);
  const k = valuesOf(
    [...keys].flatMap(([position, m]) =>
      [...m].map(([key, sim]) => sql`(${position}::int, ${key}::text, ${sim}::real)`),
    ),
    sql`(0, ''::text, 0::real)`,
    'k(position, key, sim)',
  );
  const elements = draft.filter((d) => d.data_element_id !== null);
  const x = valuesOf(
    elements.map((d) => sql`(${d.position}::int, ${d.data_element_id}::int)`),
    sql`(0, 0)`,
    'x(position, element)',
  );
  // Pigeonhole: an entry holding COVERAGE_MIN of the n items holds at least m of them, so it holds
  // one of any n − m + 1 of them — the rarest suffice to find it. Common items (备注, 姓名) then
  // never make the candidate set large; counting stops at RARITY_CAP, past which all are common.
  const counts = await sql<{ position: number; n: number }>`
    select position, sum(n)::int as n from (
      select k.position, c.n from ${k} cross join lateral (select count(*) as n from (
        select 1 from catalog_data_item i where catalog_item_key(i.name) = k.key limit ${RARITY_CAP}) l) c
      union all
      select x.position, c.n from ${x} cross join lateral (select count(*) as n from (
        select 1 from catalog_data_item i where i.data_element_id = x.element limit ${RARITY_CAP}) l) c
    ) c group by position`.execute(db);
  const count = new Map(counts.rows.map((r) => [r.position, r.n]));
  const m = Math.ceil(COVERAGE_MIN * draft.length - 1e-9);
  const rare = draft
    .map((d) => d.position)
    .sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0) || a - b)
    .slice(0, draft.length - m + 1);
  const ranked = await sql<Ranked>`
    with k as (select * from ${k}), x as (select * from ${x}),
    seed as (
      select i.version_id from k join catalog_data_item i on catalog_item_key(i.name) = k.key
        where k.position in (${sql.join(rare)})
      union
      select i.version_id from x join catalog_data_item i on i.data_element_id = x.element
        where x.position in (${sql.join(rare)})
      union
      select id from catalog_entry_version where name % ${v.name} and similarity(name, ${v.name}) >= ${NAME_SIMILARITY}
    ),
    live as (
      -- = any(array(…)): the seed is small, so the plan is index lookups, never a scan of all items.
      select cv.id as version_id, e.id as entry_id, e.code, cv.name, e.provider_agency_id
      from catalog_entry_version cv
      join catalog_entry e on e.id = cv.entry_id and e.current_version = cv.version
      where cv.id = any(array(select version_id from seed))
        and e.status in ('published', 'revoking') and e.provider_agency_id <> ${e.provider_agency_id}
    ),
    items as (
      select i.version_id, catalog_item_key(i.name) as key, i.data_element_id
      from catalog_data_item i where i.version_id = any(array(select version_id from live))
    ),
    pairs as (
      select it.version_id, k.position, k.sim from items it join k on k.key = it.key
      union all
      select it.version_id, x.position, 1::real from items it join x on x.element = it.data_element_id
    ),
    best as (select version_id, position, max(sim) as sim from pairs group by version_id, position),
    scored as (select version_id, sum(sim) / ${draft.length}::float8 as coverage from best group by version_id)
    select l.entry_id, l.version_id, l.code, l.name, l.provider_agency_id, s.coverage,
      similarity(l.name, ${v.name})::float8 as name_sim
    from scored s join live l on l.version_id = s.version_id
    where s.coverage >= ${COVERAGE_MIN} or similarity(l.name, ${v.name}) >= ${NAME_SIMILARITY}
    order by 0.8 * s.coverage + 0.2 * similarity(l.name, ${v.name}) desc, l.entry_id
    limit ${MAX_OVERLAPS}`.execute(db);
  if (!ranked.rows.length) return [];
  return describe(db, draft, keys, e.provider_region_code, ranked.rows);
}

/** A VALUES list as a table; an empty list is an empty table of the same shape. */
function valuesOf(rows: RawBuilder<unknown>[], shape: RawBuilder<unknown>, alias: string) {
  return rows.length
    ? sql`(values ${sql.join(rows)}) as ${sql.raw(alias)}`
    : sql`(select * from (values ${shape}) as ${sql.raw(alias)} where false) as ${sql.raw(alias.split('(')[0])}`;
}

const STRENGTH: Record<MatchKind, number> = { element: 3, name: 2, similar: 1 };

/** For each draft item, its best pair in one published version (as ranked: the highest similarity). */
function pairsOf(
  draft: DraftItem[],
  keys: Map<number, Map<string, number>>,
  items: {
    name: string;
    code: string;
    data_element_id: number | null;
    key: string;
    element_name: string | null;
  }[],
) {
  return draft.flatMap((d) => {
    let best: { item: (typeof items)[number]; match: MatchKind; sim: number } | null = null;
    for (const i of items) {
      const found: [MatchKind, number] | null =
        d.data_element_id !== null && i.data_element_id === d.data_element_id
          ? ['element', 1]
          : keys.get(d.position)?.has(i.key)
            ? [i.key === d.key ? 'name' : 'similar', keys.get(d.position)?.get(i.key) ?? 0]
            : null;
      if (!found) continue;
      const [match, sim] = found;
      if (!best || sim > best.sim || (sim === best.sim && STRENGTH[match] > STRENGTH[best.match]))
        best = { item: i, match, sim };
    }
    return best ? [{ draft: d, ...best }] : [];
  });
}

/** Names of the paired items, their data elements, providers and lead departments. */
async function describe(
  db: Queryable,
  draft: DraftItem[],
  keys: Map<number, Map<string, number>>,
  region: string,
  rows: Ranked[],
): Promise<Overlap[]> {
  const [published, leads, names] = await Promise.all([
    sql<{
      version_id: number;
      name: string;
      code: string;
      data_element_id: number | null;
      key: string;
      element_name: string | null;
    }>`
      select i.version_id, i.name, i.code, i.data_element_id, catalog_item_key(i.name) as key, de.name as element_name
      from catalog_data_item i left join catalog_data_element de on de.id = i.data_element_id
      where i.version_id in (${sql.join(rows.map((r) => r.version_id))})
      order by i.version_id, i.position`.execute(db),
    leadDepartmentsFor(db, region),
    agencyNames(
      db,
      rows.map((r) => r.provider_agency_id),
    ),
  ]);
  return rows.map((r) => ({
    entry: {
      id: r.entry_id,
      code: r.code,
      name: r.name,
      provider: { id: r.provider_agency_id, name: names.get(r.provider_agency_id) ?? '' },
    },
    score: round2(0.8 * r.coverage + 0.2 * r.name_sim),
    coverage: round2(r.coverage),
    nameSimilarity: round2(r.name_sim),
    items: pairsOf(
      draft,
      keys,
      published.rows.filter((p) => p.version_id === r.version_id),
    ).map((p) => {
      const element = p.item.data_element_id;
      return {
        draftItem: { name: p.draft.name, code: p.draft.code },
        publishedItem: { name: p.item.name, code: p.item.code },
        match: p.match,
        similarity: round2(p.sim),
        dataElement: element === null ? null : { id: element, name: p.item.element_name ?? '' },
        leadDepartment: element === null ? null : (leads.get(element) ?? null),
      };
    }),
  }));
}

/** Display names of a few agencies (at most one page of overlaps or designations). */
export async function agencyNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const refs = await Promise.all(unique.map((id) => agencyRef(db, id)));
  return new Map(unique.map((id, i) => [id, refs[i]?.name ?? '']));
}

/**
 * Art. 17: the lead departments in force for agencies of `region`, by data element — designated for
 * the region itself or a region above it; the nearest designation wins (a city's over the province's).
 */
export async function leadDepartmentsFor(
  db: Queryable,
  region: string,
): Promise<Map<number, LeadDepartmentRef>> {
  const r = await getRegion(db, region);
  const chain = [...r.path.map((p) => p.code), r.code];
  const rows = await db
    .selectFrom('catalog_lead_department')
    .select(['data_element_id', 'region_code', 'agency_id', 'basis'])
    .where('region_code', 'in', chain)
    .execute();
  rows.sort((a, b) => chain.indexOf(a.region_code) - chain.indexOf(b.region_code));
  const names = await agencyNames(
    db,
    rows.map((x) => x.agency_id),
  );
  const out = new Map<number, LeadDepartmentRef>();
  for (const x of rows)
    out.set(x.data_element_id, {
      agency: { id: x.agency_id, name: names.get(x.agency_id) ?? '' },
      regionCode: x.region_code,
      basis: x.basis,
    });
  return out;
}

/** The overlaps of an entry's working version, for those who see it: its provider and reviewer (Art. 12). */
export async function overlapsOf(ctx: Ctx, actor: Actor, entryId: number): Promise<Overlap[]> {
  const e = await ctx.db
    .selectFrom('catalog_entry')
    .select(['provider_agency_id', 'current_version'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!e) throw notFound('目录');
  if (!(await seesWorkingVersions(ctx.db, actor, e.provider_agency_id))) {
    if (e.current_version === null) throw notFound('目录');
    throw forbidden('仅目录提供部门及其审核部门可查看重复采集比对');
  }
  return findOverlaps(ctx.db, entryId);
}

const describeList = (o: Overlap[]) =>
  o.map((x) => `${x.entry.provider.name}“${x.entry.name}”（${x.entry.code}）`).join('、');

/**
 * Art. 17, on submission and resubmission: with overlaps, the submission needs a justification of
 * at least 10 characters; it is then recorded in the ledger and returned for the review matter's
 * data (`overlapJustification`, shown to the reviewer as 重复采集说明). Without overlaps: nothing.
 */
export async function checkDoubleCollection(
  tx: Tx,
  entry: { id: number; code: string; version: number },
  justification: unknown,
): Promise<{ overlapJustification?: string }> {
  const overlaps = await findOverlaps(tx.db, entry.id, entry.version);
  if (!overlaps.length) return {};
  const text = typeof justification === 'string' ? justification.trim() : '';
  if (text.length < JUSTIFICATION_MIN)
    throw new DomainError(422, 'catalog-double-collection', '数据已由其他部门采集，不得重复采集', {
      article: 'Art. 17',
      detail: `数据项与已发布目录${describeList(overlaps)}重复；可通过共享获取的数据不得重复采集，确需重新采集的，请填写重复采集说明（不少于${JUSTIFICATION_MIN}个字）后提交`,
      ...(text
        ? { errors: [{ field: 'justification', message: `重复采集说明不少于${JUSTIFICATION_MIN}个字` }] }
        : {}),
      extra: { overlaps },
    });
  tx.record({
    action: 'catalog.entry.double-collection-justified',
    subject: `catalog-entry:${entry.code}`,
    details: {
      entryId: entry.id,
      version: entry.version,
      justification: text,
      overlaps: overlaps.map((o) => ({ entryId: o.entry.id, code: o.entry.code, score: o.score })),
    },
  });
  return { overlapJustification: text };
}
