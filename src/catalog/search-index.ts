// Art. 11 检索 of broad words: an in-memory index in each server process over catalog_search.
//
// Why: a word like 信息 or 数据 is in half the catalog or more, and counting its hits with nine exact
// facets in the database means visiting every hit row (100,000 entries: 40–65 ms p95 for 45,000–
// 82,000 hits, against a goal of 20 ms). Here each search row is a slot holding its packed facet
// record, visibility flags and sort keys, and each common token a bitset over the slots (13 kB per
// 100,000 rows): a broad query is a few bitset ANDs and one pass over its hits in typed arrays.
//
// Exact, not eventually: the index reflects one database snapshot. Each search opens a REPEATABLE
// READ transaction, applies the changes of the transactions the index's snapshot did not see
// (catalog_search_change, noted by triggers with their transaction id, schema-search.ts), then
// answers from the index and reads the page's display fields in that same transaction — the answer
// is the database at the search's snapshot, whichever process wrote and in whatever order the
// writers committed.
//
// Which queries: those whose every word has all its tokens in the index. A token enters after a
// query found ≥ WARM_HITS hits through the database (loaded in the background); the least recently
// used leave beyond MAX_TOKENS. Rare words, the one-wrong-character search and a cold process take
// the database path (search.ts), which is quick when a word is rare.
import { sql } from 'kysely';
import type { Ctx } from '../kernel/context.ts';
import type { Db, Trx } from '../kernel/db/schema.ts';
import { runExclusive } from '../kernel/jobs/lease.ts';
import type { CodeCounts } from './search-facets.ts';
import {
  type IndexPageRow,
  type IndexQuery,
  type IndexWord,
  PRUNE_AFTER,
  SearchIndex,
  type SearchIndexMode,
} from './search-index-store.ts';

export {
  compareCodePoints,
  type IndexPageRow,
  type IndexQuery,
  type IndexWord,
  type SearchIndexMode,
  type SearchSort,
  WARM_HITS,
} from './search-index-store.ts';

const indexes = new WeakMap<Db, SearchIndex>();

function indexOf(db: Db): SearchIndex {
  let ix = indexes.get(db);
  if (!ix) {
    const mode = process.env.GOVDATA_SEARCH_INDEX;
    ix = new SearchIndex(mode === 'off' || mode === 'eager' ? mode : 'auto');
    indexes.set(db, ix);
  }
  return ix;
}

export function setSearchIndexMode(db: Db, mode: SearchIndexMode): void {
  indexOf(db).mode = mode;
}

/** What the index holds (tests, diagnosis). */
export function searchIndexStats(db: Db): {
  mode: SearchIndexMode;
  rows: number;
  tokens: string[];
  snapshot: string | null;
} {
  const ix = indexOf(db);
  return { mode: ix.mode, rows: ix.rows(), tokens: [...ix.tokens.keys()], snapshot: ix.snapshot };
}

/** Waits for the index's queued work (warming) — benchmarks and tests. */
export function settleSearchIndex(db: Db): Promise<unknown> {
  return indexOf(db).settled();
}

function snapshotRead<T>(ctx: Ctx, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().setIsolationLevel('repeatable read').execute(fn);
}

/**
 * The exact search from memory when the index can answer it (null otherwise), with `display`
 * reading the page's fields in the snapshot the counts are from.
 */
export async function indexedSearch<T>(
  ctx: Ctx,
  q: IndexQuery,
  display: (trx: Trx, page: IndexPageRow[]) => Promise<T[]>,
): Promise<{ counts: CodeCounts; rows: T[] } | null> {
  const ix = indexOf(ctx.db);
  if (ix.mode === 'off') return null;
  if (ix.mode === 'auto' && !ix.has(q.words)) {
    // A cold process reads the rows in the background; words come in through warmSearchIndex.
    if (ix.snapshot === null) warm(ctx, ix, []);
    return null;
  }
  return ix.exclusive(() =>
    snapshotRead(ctx, async (trx) => {
      await ix.sync(trx);
      if (!ix.has(q.words)) {
        if (ix.mode !== 'eager') return null;
        await ix.loadTokens(
          trx,
          q.words.flatMap((w) => w.tokens),
        );
      }
      const { counts, page } = ix.query(q);
      return { counts, rows: await display(trx, page) };
    }),
  );
}

/** After a broad query through the database: its words' tokens into the index, in the background. */
export function warmSearchIndex(ctx: Ctx, words: IndexWord[]): void {
  const ix = indexOf(ctx.db);
  if (ix.mode === 'auto' && !ix.has(words)) warm(ctx, ix, words);
}

function warm(ctx: Ctx, ix: SearchIndex, words: IndexWord[]) {
  // Queries arriving while a cold index loads do not each queue a load of their own.
  if (ix.warming > 2) return;
  ix.warming++;
  ix.exclusive(() =>
    snapshotRead(ctx, async (trx) => {
      await ix.sync(trx);
      await ix.loadTokens(
        trx,
        words.flatMap((w) => w.tokens),
      );
    }),
  )
    .catch((err) => ctx.log.warn({ err }, 'catalog search index: warming failed'))
    .finally(() => ix.warming--);
}

/** Deletes change notes no index can still need (run by the catalog job). */
export async function pruneSearchChanges(db: Db): Promise<number> {
  const r =
    await sql`delete from catalog_search_change where noted_at < now() - ${PRUNE_AFTER}::interval`.execute(
      db,
    );
  return Number(r.numAffectedRows ?? 0);
}

/** The catalog job pruning the change notes, under a lease (one process per run). */
export const searchChangesJob = (ctx: Ctx, holder: string) =>
  runExclusive(ctx, 'catalog search changes', holder, 10 * 60_000, () => pruneSearchChanges(ctx.db));
