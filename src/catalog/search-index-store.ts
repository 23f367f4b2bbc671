// The in-memory search index itself (search-index.ts explains why and how it stays exact): a slot
// per catalog_search row, a bitset per loaded token, the base sort orders, and the query over them.
import { sql } from 'kysely';
import type { Trx } from '../kernel/db/schema.ts';
import { type CodeCounts, type CompiledFilters, countCodes, RECORD } from './search-facets.ts';

export type SearchIndexMode =
  /** Broad words from memory once warmed; everything else from the database. */
  | 'auto'
  /** Every exact search from memory, tokens loaded on demand (tests of the memory path). */
  | 'eager'
  /** Never (tests of the database path). */
  | 'off';

/** A query whose exact search finds this many hits has its tokens loaded. */
export const WARM_HITS = 1000;
/** Tokens kept (each a bitset of one bit per search row). */
const MAX_TOKENS = 1024;
/** More changed entries than this since the last search: read everything again. */
const RELOAD_AFTER = 5000;
/** An index not used for this long may have missed pruned changes: start afresh (PRUNE_AFTER / 2). */
const STALE_MS = 12 * 3600_000;
/** Change notes older than this are deleted by the catalog job. */
export const PRUNE_AFTER = '1 day';

const PUBLISHED = 1;
const LATEST = 2;
const LIVE = 4;

export type SearchSort = 'relevance' | 'updated' | 'name' | 'code' | 'publishDate';

export interface IndexWord {
  text: string;
  tokens: string[];
  /** Agencies whose name holds the word: their rows match it too. */
  providers: number[];
}

export interface IndexQuery {
  words: IndexWord[];
  /** Providers whose latest versions the actor sees instead of the published ones (Art. 12). */
  working: number[];
  status?: string[];
  filters: CompiledFilters;
  sort: SearchSort;
  limit: number;
  offset: number;
}

export interface IndexPageRow {
  entry_id: number;
  version: number;
  tier: number;
}

interface Row {
  entry_id: number;
  version: number;
  provider_agency_id: number;
  published: boolean;
  latest: boolean;
  facets: Uint8Array;
  updated_us: number;
  publish_day: number | null;
  status: string;
  name_key: string;
  code: string;
  tokens?: string[];
}

const COLUMNS = sql`entry_id, version, provider_agency_id, published, latest, facets,
  (extract(epoch from updated_at) * 1000000)::float8 as updated_us,
  (publish_date - date '1970-01-01') as publish_day, status, name_key, code`;

/** Code-point order, as PostgreSQL's C collation (UTF-16 units differ only for astral characters). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export class SearchIndex {
  snapshot: string | null = null;
  private usedAt = 0;
  private cap = 0;
  private top = 0;
  private entry = new Int32Array(0);
  private version = new Int32Array(0);
  private provider = new Int32Array(0);
  private flags = new Uint8Array(0);
  private facets = new Uint8Array(0);
  private updated = new Float64Array(0);
  private publish = new Float64Array(0);
  private status: string[] = [];
  private name: string[] = [];
  private code: string[] = [];
  private slots = new Map<number, number[]>();
  /** The highest provider id held (size of the lookup tables by agency). */
  private mostProvider = 0;
  private free: number[] = [];
  /** Token → bitset over slots; Map order is the order of last use. */
  readonly tokens = new Map<string, Uint32Array>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Slots in each base order; dropped by every change. */
  private orders = new Map<string, Int32Array>();
  /** Facet counts of the published rows, and per provider of its published and latest rows; dropped by every change. */
  private tallies = new Map<string, CodeCounts>();
  /** Background loads queued. */
  warming = 0;

  constructor(public mode: SearchIndexMode) {}

  /** Runs `fn` after everything queued before it (the index is changed by one task at a time). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  settled(): Promise<unknown> {
    return this.queue;
  }

  rows(): number {
    return this.slots.size === 0 ? 0 : this.top - this.free.length;
  }

  has(words: IndexWord[]): boolean {
    return this.snapshot !== null && words.every((w) => w.tokens.every((t) => this.tokens.has(t)));
  }

  private grow(min: number) {
    if (min <= this.cap) return;
    const cap = Math.max(1024, this.cap * 2, min);
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.entry = widen(this.entry, cap);
    this.version = widen(this.version, cap);
    this.provider = widen(this.provider, cap);
    this.flags = widen(this.flags, cap);
    this.facets = widen(this.facets, cap * RECORD);
    this.updated = widen(this.updated, cap);
    this.publish = widen(this.publish, cap);
    for (const [t, bits] of this.tokens) {
      const wider = new Uint32Array(cap >>> 5 || 1);
      wider.set(bits);
      this.tokens.set(t, wider);
    }
    this.cap = cap;
  }

  private words(): number {
    return (this.cap + 31) >>> 5;
  }

  private put(r: Row) {
    this.orders.clear();
    this.tallies.clear();
    let s = this.free.pop();
    if (s === undefined) {
      this.grow(this.top + 1);
      s = this.top++;
    }
    this.entry[s] = r.entry_id;
    this.version[s] = r.version;
    this.provider[s] = r.provider_agency_id;
    if (r.provider_agency_id > this.mostProvider) this.mostProvider = r.provider_agency_id;
    this.flags[s] = LIVE | (r.published ? PUBLISHED : 0) | (r.latest ? LATEST : 0);
    this.facets.set(r.facets.subarray(0, RECORD), s * RECORD);
    this.updated[s] = r.updated_us;
    this.publish[s] = r.publish_day ?? Number.NaN;
    this.status[s] = r.status;
    this.name[s] = r.name_key;
    this.code[s] = r.code;
    const list = this.slots.get(r.entry_id);
    if (list) list.push(s);
    else this.slots.set(r.entry_id, [s]);
    if (r.tokens && this.tokens.size) {
      const mine = new Set(r.tokens);
      for (const [t, bits] of this.tokens) if (mine.has(t)) bits[s >>> 5] |= 1 << (s & 31);
    }
  }

  private drop(entryId: number) {
    this.orders.clear();
    this.tallies.clear();
    for (const s of this.slots.get(entryId) ?? []) {
      this.flags[s] = 0;
      for (const bits of this.tokens.values()) bits[s >>> 5] &= ~(1 << (s & 31));
      this.free.push(s);
    }
    this.slots.delete(entryId);
  }

  private async reload(trx: Trx) {
    const keep = [...this.tokens.keys()];
    this.tokens.clear();
    this.slots.clear();
    this.free = [];
    this.top = 0;
    this.flags.fill(0);
    const rows = await sql<Row>`select ${COLUMNS} from catalog_search`.execute(trx);
    this.grow(rows.rows.length);
    for (const r of rows.rows) this.put(r);
    await this.loadTokens(trx, keep);
  }

  /** Brings the index to the snapshot of `trx` (a REPEATABLE READ transaction). */
  async sync(trx: Trx) {
    const fresh = this.snapshot !== null && performance.now() - this.usedAt <= STALE_MS;
    // One round trip: the snapshot and the entries changed by transactions the index's did not see.
    const prev = fresh ? this.snapshot : null;
    const { snap, changed } = (
      await sql<{ snap: string; changed: number[] | null }>`select pg_current_snapshot()::text as snap,
        case when ${prev}::text is not null then array(select distinct entry_id from catalog_search_change
          where xid >= pg_snapshot_xmin(${prev}::pg_snapshot)
            and not pg_visible_in_snapshot(xid, ${prev}::pg_snapshot)) end as changed`.execute(trx)
    ).rows[0];
    if (!changed || changed.length > RELOAD_AFTER) await this.reload(trx);
    else if (changed.length) {
      for (const id of changed) this.drop(id);
      const tokens = this.tokens.size ? sql`, tokens` : sql``;
      const rows = await sql<Row>`select ${COLUMNS}${tokens} from catalog_search
        where entry_id = any(${changed}::int[])`.execute(trx);
      for (const r of rows.rows) this.put(r);
    }
    this.snapshot = snap;
    this.usedAt = performance.now();
  }

  /** Reads the rows holding each token (one GIN lookup each) into bitsets. */
  async loadTokens(trx: Trx, tokens: string[]) {
    const missing = [...new Set(tokens)].filter((t) => !this.tokens.has(t));
    if (!missing.length) return;
    await sql`select set_config('enable_seqscan', 'off', true)`.execute(trx);
    for (const t of missing) {
      const bits = new Uint32Array(this.words());
      const rows = await sql<{
        entry_id: number;
        version: number;
      }>`select entry_id, version from catalog_search
        where tokens @> array[${t}::text]`.execute(trx);
      for (const r of rows.rows) {
        const s = this.slots.get(r.entry_id)?.find((x) => this.version[x] === r.version);
        if (s !== undefined) bits[s >>> 5] |= 1 << (s & 31);
      }
      this.tokens.set(t, bits);
    }
    await sql`select set_config('enable_seqscan', 'on', true)`.execute(trx);
    for (const t of [...this.tokens.keys()].slice(0, Math.max(0, this.tokens.size - MAX_TOKENS)))
      this.tokens.delete(t);
  }

  /** The slots holding every word (in its text or its provider's name); null means all. */
  private hitBits(words: IndexWord[]): Uint32Array | null {
    let hits: Uint32Array | null = null;
    for (const w of words) {
      const bits = new Uint32Array(this.words());
      w.tokens.forEach((t, i) => {
        const b = this.tokens.get(t)!;
        this.tokens.delete(t); // most recently used last
        this.tokens.set(t, b);
        if (i === 0) bits.set(b);
        else for (let k = 0; k < bits.length; k++) bits[k] &= b[k];
      });
      if (w.providers.length) {
        const named = this.providerMarks(w.providers);
        for (let s = 0; s < this.top; s++) if (named[this.provider[s]]) bits[s >>> 5] |= 1 << (s & 31);
      }
      if (hits) for (let k = 0; k < hits.length; k++) hits[k] &= bits[k];
      else hits = bits;
    }
    return hits;
  }

  /** A lookup table by agency id (typed-array reads in the loops over every slot). */
  private providerMarks(ids: number[]): Uint8Array {
    const most = this.mostProvider;
    const marks = new Uint8Array(most + 1);
    for (const id of ids) if (id <= most) marks[id] = 1;
    return marks;
  }

  /** Counts and the page of an exact search, as search.ts's SQL would give them. */
  query(q: IndexQuery): { counts: CodeCounts; page: IndexPageRow[] } {
    if (!q.words.length && !q.status?.length && !q.filters.active.length) return this.browse(q);
    const hits = this.hitBits(q.words);
    const working = this.providerMarks(q.working);
    const status = q.status?.length ? new Set(q.status) : null;
    const visible = new Int32Array(this.top);
    let n = 0;
    for (let s = 0; s < this.top; s++) {
      if (hits && !(hits[s >>> 5] & (1 << (s & 31)))) continue;
      const f = this.flags[s];
      // Art. 12: working versions only for the provider and its reviewer, published ones for others.
      if (!(f & (working[this.provider[s]] ? LATEST : PUBLISHED))) continue;
      if (status && !status.has(this.status[s])) continue;
      visible[n++] = s;
    }
    const passes = new Uint8Array(this.top);
    const counts = countCodes(
      this.facets,
      n,
      q.filters,
      (r) => {
        passes[visible[r]] = 1;
      },
      visible,
    );
    return { counts, page: this.page((s) => passes[s] === 1, q) };
  }

  /** The facet counts of the slots `pick` accepts, kept until the next change. */
  private tally(key: string, filters: CompiledFilters, pick: (s: number) => boolean): CodeCounts {
    let t = this.tallies.get(key);
    if (!t) {
      const chosen = new Int32Array(this.top);
      let n = 0;
      for (let s = 0; s < this.top; s++) if (pick(s)) chosen[n++] = s;
      t = countCodes(this.facets, n, filters, undefined, chosen);
      this.tallies.set(key, t);
    }
    return t;
  }

  /**
   * Everything the actor sees, unfiltered (the catalog's front page): the published rows' counts,
   * less the published and plus the latest rows of the providers whose working versions it sees —
   * no pass over every row once the tallies are kept.
   */
  private browse(q: IndexQuery): { counts: CodeCounts; page: IndexPageRow[] } {
    const { flags, provider } = this;
    const base = this.tally('published', q.filters, (s) => (flags[s] & PUBLISHED) !== 0);
    const counts: CodeCounts = { total: base.total, byCode: base.byCode.map((c) => Int32Array.from(c)) };
    const add = (t: CodeCounts, sign: number) => {
      counts.total += sign * t.total;
      t.byCode.forEach((c, i) => {
        const into = counts.byCode[i];
        for (let k = 0; k < c.length; k++) into[k] += sign * c[k];
      });
    };
    for (const p of new Set(q.working)) {
      add(
        this.tally(`published:${p}`, q.filters, (s) => provider[s] === p && (flags[s] & PUBLISHED) !== 0),
        -1,
      );
      add(
        this.tally(`latest:${p}`, q.filters, (s) => provider[s] === p && (flags[s] & LATEST) !== 0),
        1,
      );
    }
    const working = this.providerMarks(q.working);
    // Art. 12: working versions only for the provider and its reviewer, published ones for others.
    const visible = (s: number) => (flags[s] & (working[provider[s]] ? LATEST : PUBLISHED)) !== 0;
    return { counts, page: this.page(visible, q) };
  }

  /** Slots in one of the base orders (as search.ts ORDER), sorted again only after a change. */
  private ordered(sort: Exclude<SearchSort, 'relevance'>): Int32Array {
    let o = this.orders.get(sort);
    if (!o) {
      const { entry, updated, publish, name, code } = this;
      const cmp: Record<typeof sort, (a: number, b: number) => number> = {
        updated: (a, b) => updated[b] - updated[a] || entry[b] - entry[a],
        name: (a, b) => compareCodePoints(name[a], name[b]) || entry[a] - entry[b],
        code: (a, b) => compareCodePoints(code[a], code[b]) || entry[a] - entry[b],
        publishDate: (a, b) => {
          const x = publish[a];
          const y = publish[b];
          if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1; // nulls last
          return (Number.isNaN(x) ? 0 : y - x) || entry[b] - entry[a];
        },
      };
      const live: number[] = [];
      for (let s = 0; s < this.top; s++) if (this.flags[s] & LIVE) live.push(s);
      o = Int32Array.from(live.sort(cmp[sort]));
      this.orders.set(sort, o);
    }
    return o;
  }

  /**
   * The page: walk the sort order and keep the slots passing every filter. By relevance (2 per
   * query word in the name, then newest change — search.ts tier()) the walk is in change order,
   * one bucket per rank, and stops once the top rank holds the page.
   */
  private page(passes: (s: number) => boolean, q: IndexQuery): IndexPageRow[] {
    const want = q.offset + q.limit;
    const tierOf = (s: number) => {
      let t = 0;
      for (const w of q.words) if (this.name[s].includes(w.text)) t += 2;
      return t;
    };
    const row = (s: number): IndexPageRow => ({
      entry_id: this.entry[s],
      version: this.version[s],
      tier: tierOf(s),
    });
    if (q.sort !== 'relevance' || !q.words.length) {
      const order = this.ordered(q.sort === 'relevance' ? 'updated' : q.sort);
      const out: number[] = [];
      for (let i = 0; i < order.length && out.length < want; i++) if (passes(order[i])) out.push(order[i]);
      return out.slice(q.offset).map(row);
    }
    const order = this.ordered('updated');
    const top = q.words.length;
    const buckets: number[][] = Array.from({ length: top + 1 }, () => []);
    for (let i = 0; i < order.length && buckets[top].length < want; i++) {
      const s = order[i];
      if (!passes(s)) continue;
      const b = buckets[tierOf(s) / 2];
      if (b.length < want) b.push(s);
    }
    return buckets.reverse().flat().slice(q.offset, want).map(row);
  }
}
