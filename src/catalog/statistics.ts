// Catalog statistics and completeness for the data authority (Art. 5, 12): exact counts of its region
// (the provincial authority: the whole province), from SQL group-bys — a fixed handful of queries
// whatever the number of entries or agencies.
import { type RawBuilder, sql } from 'kysely';
import type { Actor, Ctx } from '../kernel/context.ts';
import type { Db } from '../kernel/db/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import { listTerms } from './dictionaries.ts';
import { authorityScope, dutyCoverage } from './duties.ts';

export const OPEN_TYPES = ['无条件开放', '有条件开放', '不予开放'] as const;
export const SHARE_TYPES = ['无条件共享', '有条件共享', '不予共享'] as const;
const LEVELS = ['province', 'city', 'county'] as const;
type Level = (typeof LEVELS)[number];

export interface AgencyBrief {
  id: number;
  name: string;
  level: Level;
  regionCode: string;
}

/** Counts of one agency's entries by status; the type counts are among its published entries. */
export interface StatusCounts {
  total: number;
  published: number;
  draft: number;
  submitted: number;
  returned: number;
  revoking: number;
  revoked: number;
  /** 无条件开放 + 有条件开放 among published entries. */
  open: number;
  unconditionalOpen: number;
  conditionalOpen: number;
  notOpen: number;
  unconditionalShare: number;
  conditionalShare: number;
  notShared: number;
}

export interface CatalogStatistics {
  totals: StatusCounts & { entries: number; shared: number; duties: number; dutiesWithoutEntry: number };
  byAgency: (StatusCounts & { agency: AgencyBrief; duties: number; dutiesWithoutEntry: number })[];
  byLevel: { level: Level; total: number; published: number; open: number }[];
  byGroup: { groupCode: string; groupName: string; published: number }[];
  byOpenType: { openType: string; count: number }[];
  byShareType: { shareType: string; count: number }[];
}

const COUNTS = [
  'total',
  'published',
  'draft',
  'submitted',
  'returned',
  'revoking',
  'revoked',
  'open',
  'unconditionalOpen',
  'conditionalOpen',
  'notOpen',
  'unconditionalShare',
  'conditionalShare',
  'notShared',
] as const satisfies readonly (keyof StatusCounts)[];

// The published figures read the current (published) version; a working version under review of a
// published entry does not change them.
const PUBLISHED = sql`e.status = 'published'`;
const count = (where: RawBuilder<unknown> | null, as: keyof StatusCounts) =>
  (where ? sql<number>`count(*) filter (where ${where})` : sql<number>`count(*)`).as(as);
const status = (s: string) => sql`e.status = ${sql.lit(s)}`;
const among = (col: 'open_type' | 'share_type', v: string) =>
  sql`${PUBLISHED} and v.${sql.ref(col)} = ${sql.lit(v)}`;

const zero = (): StatusCounts => Object.fromEntries(COUNTS.map((k) => [k, 0])) as unknown as StatusCounts;

/**
 * One pass over the entries of the agencies in scope, grouped two ways: per agency (and its level)
 * every status and type count, and per group of the published version. By agency id rather than
 * region, so the planner estimates the rows it will read.
 */
async function counts(db: Db, agencyIds: number[]) {
  const rows = await db
    .selectFrom('catalog_entry as e')
    .leftJoin('catalog_entry_version as v', (j) =>
      j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.current_version'),
    )
    .select([
      'e.provider_agency_id',
      'e.provider_level',
      'v.group_code',
      sql<number>`grouping(v.group_code)`.as('per_agency'),
      count(null, 'total'),
      count(status('published'), 'published'),
      count(status('draft'), 'draft'),
      count(status('submitted'), 'submitted'),
      count(status('returned'), 'returned'),
      count(status('revoking'), 'revoking'),
      count(status('revoked'), 'revoked'),
      count(sql`${PUBLISHED} and v.open_type in ('无条件开放', '有条件开放')`, 'open'),
      count(among('open_type', '无条件开放'), 'unconditionalOpen'),
      count(among('open_type', '有条件开放'), 'conditionalOpen'),
      count(among('open_type', '不予开放'), 'notOpen'),
      count(among('share_type', '无条件共享'), 'unconditionalShare'),
      count(among('share_type', '有条件共享'), 'conditionalShare'),
      count(among('share_type', '不予共享'), 'notShared'),
    ])
    .where('e.provider_agency_id', 'in', agencyIds)
    .groupBy(sql`grouping sets ((e.provider_agency_id, e.provider_level), (v.group_code))`)
    .execute();
  const perAgency = rows.filter((r) => Number(r.per_agency) === 1);
  return {
    byAgency: perAgency.map((r) => {
      const c = zero();
      for (const k of COUNTS) c[k] = Number(r[k]);
      return { agencyId: r.provider_agency_id, level: r.provider_level as Level, counts: c };
    }),
    byGroup: rows
      .filter((r) => Number(r.per_agency) === 0 && r.group_code !== null && Number(r.published) > 0)
      .map((r) => ({ groupCode: r.group_code as string, published: Number(r.published) })),
  };
}

const add = (into: StatusCounts, c: StatusCounts) => {
  for (const k of COUNTS) into[k] += c[k];
};

/** Statistics of the catalog in the authority's region (the shape the console's charts read). */
export async function catalogStatistics(ctx: Ctx, actor: Actor): Promise<CatalogStatistics> {
  const { agencies } = await authorityScope(ctx, actor);
  const ids = agencies.map((a) => a.id);
  const [{ byAgency: rows, byGroup: groups }, groupNames, duties] = await Promise.all([
    counts(ctx.db, ids),
    listTerms(ctx.db, 'groups', true),
    dutyCoverage(ctx.db, ids),
  ]);
  const perAgency = new Map<number, StatusCounts>();
  for (const r of rows) {
    const c = perAgency.get(r.agencyId) ?? zero();
    add(c, r.counts);
    perAgency.set(r.agencyId, c);
  }
  const totals = { ...zero(), entries: 0, shared: 0, duties: 0, dutiesWithoutEntry: 0 };
  for (const r of rows) add(totals, r.counts);
  totals.entries = totals.total;
  totals.shared = totals.unconditionalShare + totals.conditionalShare;
  const byAgency = agencies.map((a) => {
    const d = duties.get(a.id) ?? { duties: 0, dutiesWithoutEntry: 0 };
    totals.duties += d.duties;
    totals.dutiesWithoutEntry += d.dutiesWithoutEntry;
    return {
      agency: { id: a.id, name: a.name, level: a.level, regionCode: a.regionCode },
      ...(perAgency.get(a.id) ?? zero()),
      ...d,
    };
  });
  const own = agencies.length ? LEVELS.indexOf(agencies[0].level) : 0;
  const byLevel = LEVELS.slice(own).map((level) => {
    const c = zero();
    for (const r of rows) if (r.level === level) add(c, r.counts);
    return { level, total: c.total, published: c.published, open: c.open };
  });
  const name = new Map(groupNames.map((g) => [g.code, g.name]));
  const byGroup = groups
    .map((g) => ({ ...g, groupName: name.get(g.groupCode) ?? g.groupCode }))
    .sort((a, b) => b.published - a.published || a.groupCode.localeCompare(b.groupCode));
  return {
    totals,
    byAgency,
    byLevel,
    byGroup,
    byOpenType: [
      { openType: '无条件开放', count: totals.unconditionalOpen },
      { openType: '有条件开放', count: totals.conditionalOpen },
      { openType: '不予开放', count: totals.notOpen },
    ],
    byShareType: [
      { shareType: '无条件共享', count: totals.unconditionalShare },
      { shareType: '有条件共享', count: totals.conditionalShare },
      { shareType: '不予共享', count: totals.notShared },
    ],
  };
}

export interface CompletenessItem {
  agency: AgencyBrief;
  duties: number;
  dutiesWithoutEntry: number;
  /** Entries other than revoked ones, in any state. */
  entries: number;
  /** Entries published (as in the statistics; those being revoked are counted apart there). */
  published: number;
  /** Only when one agency is asked for: the duties no entry covers yet. */
  uncoveredDuties?: { id: number; name: string; basis: string | null }[];
}

/**
 * Art. 12 全量编目: per agency of the authority's region, its duties, how many have no entry, and
 * its entries. With `agencyId`, that agency alone and the duties it has not cataloged.
 */
export async function completeness(ctx: Ctx, actor: Actor, agencyId?: number): Promise<CompletenessItem[]> {
  const scope = await authorityScope(ctx, actor);
  let agencies = scope.agencies;
  if (agencyId !== undefined) {
    agencies = agencies.filter((a) => a.id === agencyId);
    if (!agencies.length)
      throw new DomainError(403, 'outside-jurisdiction', '超出管辖范围', {
        article: 'Art. 12',
        detail: '只能查看本行政区域内部门的编目情况',
      });
  }
  const ids = agencies.map((a) => a.id);
  const [duties, entries] = await Promise.all([
    dutyCoverage(ctx.db, ids),
    ctx.db
      .selectFrom('catalog_entry as e')
      .select([
        'e.provider_agency_id',
        sql<number>`count(*) filter (where e.status <> 'revoked')`.as('entries'),
        sql<number>`count(*) filter (where e.status = 'published')`.as('published'),
      ])
      .where('e.provider_agency_id', 'in', ids)
      .groupBy('e.provider_agency_id')
      .execute(),
  ]);
  const counts = new Map(entries.map((e) => [e.provider_agency_id, e]));
  const uncovered =
    agencyId === undefined
      ? []
      : await ctx.db
          .selectFrom('catalog_duty as d')
          .select(['d.id', 'd.name', 'd.basis'])
          .where('d.agency_id', '=', agencyId)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('catalog_duty_entry as de')
                  .innerJoin('catalog_entry as e', 'e.id', 'de.entry_id')
                  .select('de.entry_id')
                  .whereRef('de.duty_id', '=', 'd.id')
                  .where('e.status', '!=', 'revoked'),
              ),
            ),
          )
          .orderBy('d.sort_order')
          .orderBy('d.id')
          .execute();
  return agencies.map((a) => ({
    agency: { id: a.id, name: a.name, level: a.level, regionCode: a.regionCode },
    ...(duties.get(a.id) ?? { duties: 0, dutiesWithoutEntry: 0 }),
    entries: Number(counts.get(a.id)?.entries ?? 0),
    published: Number(counts.get(a.id)?.published ?? 0),
    ...(agencyId === undefined ? {} : { uncoveredDuties: uncovered }),
  }));
}
