// Art. 11 目录检索: full text over the catalog (entry name, summary, data item names, resource code
// and provider name), with exact facet counts, for government users.
//
// Method (search-text.ts, schema-search.ts): triggers keep one row per visible version with its
// character n-grams in a GIN-indexed array; a query word matches when all its bigrams are present
// (one character: the character itself) or when it is part of the provider's name. When the exact
// query finds nothing, one wrong character is tolerated (户藉人口 → 户籍人口) and the answer
// says `fuzzy: true`. Ranking: query words found in the name first, then the latest change.
// Visibility is part of the SQL: published versions for everyone, working versions only for the
// provider and its reviewing authority (the rule of seesWorkingVersions, Art. 12).
// Broad words (信息, 数据) are answered from the in-memory index of search-index.ts once warmed; it
// gives exactly what the SQL here gives (search-index-equivalence.test.ts).
import { expressionBuilder, type RawBuilder, sql } from 'kysely';
import { regionSubtree } from '../agencies/regions.ts';
import type { Actor, Ctx } from '../kernel/context.ts';
import type { Database, Trx } from '../kernel/db/schema.ts';
import {
  compileFilters,
  decodeCounts,
  FACET_COLUMN,
  FACETS,
  type Facet,
  type FacetCounts,
  type FacetFilters,
  facetTerms,
  labelFacets,
  tally,
} from './search-facets.ts';
import {
  type IndexPageRow,
  indexedSearch,
  type SearchSort,
  WARM_HITS,
  warmSearchIndex,
} from './search-index.ts';
import { providersNamed, workingProviders } from './search-scope.ts';
import { highlight, queryWords, tolerantTokenSets, wordTokens } from './search-text.ts';

export type { SearchSort };
export { workingProviders };

export interface SearchQuery {
  q?: string;
  filters: FacetFilters;
  /** The entry's status (draft … revoked); useful to the provider and its reviewing authority. */
  status?: string[];
  sort?: SearchSort;
  page: number;
  pageSize: number;
}

export interface SearchItem {
  id: number;
  code: string;
  name: string;
  summary: string;
  providerAgency: { id: number; name: string; level: string; regionCode: string };
  groupCode: string;
  formatCode: string;
  frequencyCode: string;
  shareType: string;
  openType: string;
  grade: string;
  status: string;
  version: number;
  publishDate: string | null;
  updatedAt: string;
  highlights?: { name?: string; summary?: string };
}

export interface SearchResult {
  items: SearchItem[];
  total: number;
  fuzzy: boolean;
  facets: FacetCounts;
}

interface Word {
  chars: string[];
  text: string;
  tokens: string[];
  providers: number[];
}

const textArray = (xs: string[]) => sql`array[${sql.join(xs.map((x) => sql`${x}::text`))}]::text[]`;
const intArray = (xs: number[]) => sql`array[${sql.join(xs.map((x) => sql`${x}::int`))}]::int[]`;
const and = (xs: RawBuilder<unknown>[]) => (xs.length ? sql`(${sql.join(xs, sql` and `)})` : sql`true`);
const or = (xs: RawBuilder<unknown>[]) => (xs.length ? sql`(${sql.join(xs, sql` or `)})` : sql`false`);

/** Beyond this many index lookups a query is matched as written (an OR per provider word). */
const MAX_ALTERNATIVES = 64;

/**
 * The token sets one of which a hit holds in full: each word by its tokens or, where the word is
 * part of a provider's name, by that provider's '@id' token. Every set is one lookup of the GIN
 * index, exact, so no row's tokens are ever unpacked (an OR with a provider_agency_id test would
 * have the planner check the other words' tokens row by row).
 */
function tokenSets(words: Word[], extra: string[] = [], skip = -1): string[][] | null {
  let sets: string[][] = [extra];
  for (const [i, w] of words.entries()) {
    if (i === skip) continue;
    const choices = [w.tokens, ...w.providers.map((p) => [`@${p}`])];
    sets = sets.flatMap((s) => choices.map((c) => [...s, ...c]));
    if (sets.length > MAX_ALTERNATIVES) return null;
  }
  return sets.map((s) => [...new Set(s)]);
}

/** All words present — each in the text, or as part of the provider's name. */
function exactMatch(words: Word[], extra: string[] = [], skip = -1): RawBuilder<unknown> {
  const sets = tokenSets(words, extra, skip);
  if (sets) return or(sets.map((s) => sql`tokens @> ${textArray(s)}`));
  const conds = extra.length ? [sql`tokens @> ${textArray(extra)}`] : [];
  for (const [i, w] of words.entries())
    if (i !== skip)
      conds.push(
        w.providers.length
          ? sql`(tokens @> ${textArray(w.tokens)} or provider_agency_id = any(${intArray(w.providers)}))`
          : sql`tokens @> ${textArray(w.tokens)}`,
      );
  return and(conds);
}

/** Art. 11 智能识别: one word may have one wrong character (words of three characters or more). */
function fuzzyMatch(words: Word[]): RawBuilder<unknown> {
  return or(words.flatMap((w, i) => tolerantTokenSets(w.chars).map((set) => exactMatch(words, set, i))));
}

const escapeRegex = (s: string) => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/** Ranking: 2 per query word found in the name; with `fuzzy`, 1 for a word found but for one character. */
function tier(words: Word[], fuzzy: boolean): RawBuilder<number> {
  const parts = words.map((w) => {
    const near =
      fuzzy && w.chars.length >= 3
        ? w.chars.map((_, k) => w.chars.map((c, j) => (j === k ? '.' : escapeRegex(c))).join('')).join('|')
        : null;
    return near
      ? sql`(case when strpos(name_key, ${w.text}) > 0 then 2 when name_key ~ ${near} then 1 else 0 end)`
      : sql`(strpos(name_key, ${w.text}) > 0)::int * 2`;
  });
  return sql<number>`(${parts.length ? sql.join(parts, sql` + `) : sql`0`})`;
}

function visibility(working: number[]): RawBuilder<unknown> {
  if (!working.length) return sql`published`;
  const w = intArray(working);
  return sql`((published and not provider_agency_id = any(${w})) or (latest and provider_agency_id = any(${w})))`;
}

function facetCondition(facet: Facet, values: string[]): RawBuilder<unknown> {
  if (facet === 'provider') return sql`provider_agency_id = any(${intArray(values.map(Number))})`;
  if (facet === 'region') {
    const eb = expressionBuilder<Database, never>();
    return or(values.map((r) => sql`provider_region_code in (${regionSubtree(r)(eb)})`));
  }
  return sql`${sql.ref(FACET_COLUMN[facet])} in (${sql.join(values)})`;
}

const ORDER: Record<SearchSort, (p: string) => string> = {
  relevance: (p) => `${p}tier desc, ${p}updated_at desc, ${p}entry_id desc`,
  updated: (p) => `${p}updated_at desc, ${p}entry_id desc`,
  name: (p) => `${p}name_key collate "C", ${p}entry_id`,
  code: (p) => `${p}code collate "C", ${p}entry_id`,
  publishDate: (p) => `${p}publish_date desc nulls last, ${p}entry_id desc`,
};

interface Plan {
  match: RawBuilder<unknown>;
  tier: RawBuilder<number>;
  common: RawBuilder<unknown>;
  filters: [Facet, RawBuilder<unknown>][];
  withText: boolean;
  sort: SearchSort;
  limit: number;
  offset: number;
}

/** Runs a read in its own transaction: with a text query the GIN index must be used (a sequential
 * scan would unpack every row's tokens; the planner does not cost that), and no JIT for short queries. */
function read<T>(ctx: Ctx, withText: boolean, fn: (db: Trx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    await sql`select set_config('jit', 'off', true), set_config('enable_seqscan', ${withText ? 'off' : 'on'}, true)`.execute(
      trx,
    );
    return fn(trx);
  });
}

/** The one statement behind the counts: each hit passing all filters but at most one, packed. */
function hitsSql(plan: Plan) {
  const checks = plan.filters.map(([, c]) => sql`(not ${c})::int`);
  const atMostOneFails = checks.length > 1 ? sql`(${sql.join(checks, sql` + `)}) <= 1` : sql`true`;
  return sql<{ facets: Uint8Array | null }>`select string_agg(facets, ''::bytea) as facets from catalog_search
    where ${plan.match} and ${plan.common} and ${atMostOneFails}`;
}

async function hits(ctx: Ctx, plan: Plan, query: SearchQuery) {
  const row = await read(ctx, plan.withText, (db) => hitsSql(plan).execute(db));
  return tally(ctx.db, row.rows[0]?.facets ?? null, query.filters);
}

interface PageRow {
  entry_id: number;
  version: number;
  tier: number;
  code: string;
  status: string;
  provider_agency_id: number;
  provider_level: string;
  provider_region_code: string;
  name: string;
  summary: string;
  group_code: string;
  format_code: string;
  frequency_code: string;
  share_type: string;
  open_type: string;
  grade_code: string;
  publish_date: string | null;
  updated_at: Date;
}

/** The page: the hits passing every filter, in order; display fields for those rows only. */
function pageSql(plan: Plan) {
  const all = and(plan.filters.map(([, c]) => c));
  return withDisplay(
    plan,
    sql`select entry_id, version, ${plan.tier} as tier, updated_at, name_key, code, publish_date
      from catalog_search where ${plan.match} and ${plan.common} and ${all}
      order by ${sql.raw(ORDER[plan.sort](''))} limit ${plan.limit} offset ${plan.offset}`,
  );
}

/** How many of the latest rows the quick first page looks through. */
const WINDOW = 2000;

/**
 * The page by relevance without ranking every hit of a broad query: a row whose name holds every
 * query word is a hit (its tokens include the name's) of the highest rank, so among the latest rows
 * those with every word in the name are the top of the ranking, newest first — provided the window
 * holds a full page of them; else the caller ranks all hits (pageSql).
 */
function quickPageSql(plan: Plan, words: Word[]) {
  const all = and(plan.filters.map(([, c]) => c));
  const inName = and(words.map((w) => sql`strpos(name_key, ${w.text}) > 0`));
  return withDisplay(
    plan,
    sql`select entry_id, version, ${plan.tier} as tier, updated_at, name_key, code, publish_date
      from (select entry_id, version, updated_at, name_key, code, publish_date from catalog_search
        where ${plan.common} and ${all} order by updated_at desc, entry_id desc limit ${WINDOW}) w
      where ${inName} order by updated_at desc, entry_id desc limit ${plan.limit} offset ${plan.offset}`,
  );
}

function withDisplay(plan: Plan, p: RawBuilder<unknown>) {
  return sql<PageRow>`with p as (${p})
    select p.entry_id, p.version, p.tier, e.code, e.status, e.provider_agency_id, e.provider_level,
      e.provider_region_code, v.name, v.summary, v.group_code, v.format_code, v.frequency_code, v.share_type,
      v.open_type, v.grade_code, v.publish_date, v.updated_at
    from p join catalog_entry e on e.id = p.entry_id
      join catalog_entry_version v on v.entry_id = p.entry_id and v.version = p.version
    order by ${sql.raw(ORDER[plan.sort]('p.'))}`;
}

async function page(ctx: Ctx, plan: Plan): Promise<PageRow[]> {
  return (await read(ctx, plan.withText, (db) => pageSql(plan).execute(db))).rows;
}

/** The quick page when it can answer (a full page of top-ranked rows in the window), else null. */
async function quickPage(ctx: Ctx, plan: Plan, words: Word[]): Promise<PageRow[] | null> {
  if (plan.sort !== 'relevance' || !words.length || plan.offset + plan.limit > WINDOW / 4) return null;
  const rows = (await read(ctx, true, (db) => quickPageSql(plan, words).execute(db))).rows;
  return rows.length === plan.limit ? rows : null;
}

/** What a query means for this actor: its words and the SQL of an exact or a tolerant match. */
async function prepare(ctx: Ctx, actor: Actor, query: SearchQuery) {
  const working = await workingProviders(ctx, actor);
  const words: Word[] = await Promise.all(
    queryWords(query.q ?? '').map(async (chars) => {
      const text = chars.join('');
      return { chars, text, tokens: wordTokens(chars), providers: await providersNamed(ctx, text) };
    }),
  );
  const withText = words.length > 0;
  const asked: SearchSort = query.sort ?? 'relevance';
  const sort = asked === 'relevance' && !withText ? 'updated' : asked;
  const common = and([
    visibility(working),
    ...(query.status?.length ? [sql`status in (${sql.join(query.status)})`] : []),
  ]);
  const filters = FACETS.filter((f) => query.filters[f]?.length).map(
    (f) => [f, facetCondition(f, query.filters[f]!)] as [Facet, RawBuilder<unknown>],
  );
  const plan = (fuzzy: boolean): Plan => ({
    match: withText ? (fuzzy ? fuzzyMatch(words) : exactMatch(words)) : sql`true`,
    tier: tier(words, fuzzy),
    common,
    filters,
    withText,
    sort,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { words, withText, plan, working, sort };
}

/** The display fields of a page found in memory, in its order (inside the index's snapshot). */
async function displayRows(trx: Trx, page: IndexPageRow[]): Promise<PageRow[]> {
  if (!page.length) return [];
  const ints = (xs: number[]) => sql`${`{${xs.join(',')}}`}::int[]`;
  return (
    await sql<PageRow>`with p as (
        select * from unnest(${ints(page.map((r) => r.entry_id))}, ${ints(page.map((r) => r.version))},
          ${ints(page.map((r) => r.tier))}) with ordinality as p(entry_id, version, tier, ord))
      select p.entry_id, p.version, p.tier, e.code, e.status, e.provider_agency_id, e.provider_level,
        e.provider_region_code, v.name, v.summary, v.group_code, v.format_code, v.frequency_code, v.share_type,
        v.open_type, v.grade_code, v.publish_date, v.updated_at
      from p join catalog_entry e on e.id = p.entry_id
        join catalog_entry_version v on v.entry_id = p.entry_id and v.version = p.version
      order by p.ord`.execute(trx)
  ).rows;
}

/** Counts and page: from the in-memory index when it can answer, else from the database. */
async function exactSearch(ctx: Ctx, query: SearchQuery, prepared: Awaited<ReturnType<typeof prepare>>) {
  const { words, withText, plan, working, sort } = prepared;
  const p = plan(false);
  const indexed = await indexedSearch(
    ctx,
    {
      words,
      working,
      status: query.status,
      filters: await compileFilters(ctx.db, query.filters),
      sort,
      limit: p.limit,
      offset: p.offset,
    },
    displayRows,
  );
  if (indexed) {
    const counted = { total: indexed.counts.total, counts: await decodeCounts(ctx.db, indexed.counts) };
    return { counted, rows: indexed.rows };
  }
  // The counts and the page side by side (two connections on PostgreSQL); the page ranks every hit
  // only when the quick page cannot answer.
  const [counted, rows] = await Promise.all([
    hits(ctx, p, query),
    quickPage(ctx, p, words).then((quick) => quick ?? page(ctx, p)),
  ]);
  if (withText && counted.total >= WARM_HITS) warmSearchIndex(ctx, words);
  return { counted, rows };
}

/** Art. 11: searches the catalog as the actor may see it. */
export async function searchEntries(ctx: Ctx, actor: Actor, query: SearchQuery): Promise<SearchResult> {
  const prepared = await prepare(ctx, actor, query);
  const { words, withText, plan } = prepared;
  const terms = facetTerms(ctx);
  terms.catch(() => {}); // awaited below; an early failure must not surface as an unhandled rejection
  let { counted, rows } = await exactSearch(ctx, query, prepared);
  let fuzzy = false;
  // Only when the exact query finds nothing: a query that finds something is taken as meant (with
  // one or two exact hits, a tolerant match of a short word would bury them under near misses).
  if (counted.total === 0 && words.some((w) => w.chars.length >= 3)) {
    const [tolerant, near] = await Promise.all([hits(ctx, plan(true), query), page(ctx, plan(true))]);
    if (tolerant.total > 0) [counted, rows, fuzzy] = [tolerant, near, true];
  }
  const names = await ctx.directory.names(ctx.db, {
    agencyIds: [...[...counted.counts.provider.keys()].map(Number), ...rows.map((r) => r.provider_agency_id)],
  });
  const facets = await labelFacets(ctx, counted.counts, query.filters, names.agencies, await terms);
  const marked = (text: string, window = 0) =>
    highlight(
      text,
      words.map((w) => w.chars),
      fuzzy,
      window,
    ) ?? undefined;
  const items = rows.map((r): SearchItem => {
    const name = withText ? marked(r.name) : undefined;
    const summary = withText ? marked(r.summary, 120) : undefined;
    return {
      id: r.entry_id,
      code: r.code,
      name: r.name,
      summary: r.summary,
      providerAgency: {
        id: r.provider_agency_id,
        name: names.agencies.get(r.provider_agency_id) ?? '',
        level: r.provider_level,
        regionCode: r.provider_region_code,
      },
      groupCode: r.group_code,
      formatCode: r.format_code,
      frequencyCode: r.frequency_code,
      shareType: r.share_type,
      openType: r.open_type,
      grade: r.grade_code,
      status: r.status,
      version: r.version,
      publishDate: r.publish_date,
      updatedAt: r.updated_at.toISOString(),
      ...(name || summary
        ? { highlights: { ...(name ? { name } : {}), ...(summary ? { summary } : {}) } }
        : {}),
    };
  });
  return { items, total: counted.total, fuzzy, facets };
}

/** EXPLAIN ANALYZE of the statements of an exact search: counts, quick page, page (benchmark, diagnosis). */
export async function explainSearch(ctx: Ctx, actor: Actor, query: SearchQuery): Promise<string[]> {
  const { words, withText, plan } = await prepare(ctx, actor, query);
  const out: string[] = [];
  for (const stmt of [hitsSql(plan(false)), quickPageSql(plan(false), words), pageSql(plan(false))]) {
    const r = await read(ctx, withText, (db) =>
      sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${stmt}`.execute(db),
    );
    out.push(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
  return out;
}
