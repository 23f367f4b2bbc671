import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BenchAgency, loadCatalog } from '../../bench/catalog-search-data.ts';
import { listAgencies } from '../agencies/agencies.ts';
import type { Actor } from '../kernel/context.ts';
import { type Harness, startHarness } from '../matters/support.test-helpers.ts';
import { type SearchQuery, type SearchSort, searchEntries } from './search.ts';
import type { FacetFilters } from './search-facets.ts';
import { setSearchIndexMode } from './search-index.ts';

// Art. 11: the in-memory index answers exactly as the SQL does. 3,000 generated entries (the
// benchmark's generator, through the real triggers: drafts, working versions, revoked entries),
// a few hundred random searches — words, filters, sorts, pages, actors of every kind — each run
// both ways and compared in full (totals, every facet count, the page and its order).

let h: Harness;
let actors: Actor[] = [];
let agencies: BenchAgency[] = [];

beforeAll(async () => {
  h = await startHarness();
  const all = (await listAgencies(h.t.ctx, {}, false)).items.filter((a) => a.kind !== 'coordination');
  agencies = all.map((a) => ({
    id: a.id,
    code: a.code,
    shortName: a.shortName,
    level: a.level,
    region: a.regionCode,
  }));
  await loadCatalog(h.t.ctx.db, agencies, 3000, 1000, () => {});
  const actor = (code: string | ((a: (typeof all)[number]) => boolean)): Actor => {
    const a = all.find(typeof code === 'string' ? (x) => x.code === code : code)!;
    return {
      accountId: null,
      username: a.code,
      agencyId: a.id,
      agencyLevel: a.level as Actor['agencyLevel'],
      agencyKind: a.kind as Actor['agencyKind'],
      roles: [a.kind === 'authority' ? 'authority_reviewer' : 'data_officer'],
    };
  };
  actors = [
    actor('hlj.gat'),
    actor('hrb.gaj'),
    actor((a) => a.kind === 'authority' && a.level === 'province'),
    actor((a) => a.kind === 'authority' && a.regionCode === '230100'),
  ];
}, 600_000);
afterAll(() => h.t.close());

// A small deterministic generator (mulberry32), so a failure can be replayed.
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  '信息',
  '数据',
  '人口',
  '登记',
  '户籍 信息',
  '公安',
  '证',
  '企业 登记',
  '',
  '',
  '社会保险',
  '哈尔滨',
];
const SORTS: SearchSort[] = ['relevance', 'updated', 'name', 'code', 'publishDate'];

it('gives the same answer from memory as from the database, for 300 random searches', async () => {
  const db = h.t.ctx.db;
  const rnd = random(20261127);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const facetValues = {
    provider: agencies.map((a) => String(a.id)),
    shareType: ['无条件共享', '有条件共享', '不予共享'],
    openType: ['无条件开放', '有条件开放', '不予开放'],
    level: ['province', 'city', 'county'],
    region: ['230100', '230600', '230000'],
    grade: ['core', 'important', 'general', 'general-1'],
  } as Record<keyof FacetFilters, string[]>;
  let compared = 0;
  for (let i = 0; i < 300; i++) {
    const filters: FacetFilters = {};
    for (const f of Object.keys(facetValues) as (keyof FacetFilters)[])
      if (rnd() < 0.2) filters[f] = [pick(facetValues[f]!), pick(facetValues[f]!)];
    const query: SearchQuery = {
      q: pick(WORDS),
      filters,
      ...(rnd() < 0.1 ? { status: [pick(['draft', 'published', 'submitted', 'revoked'])] } : {}),
      sort: pick(SORTS),
      page: rnd() < 0.7 ? 1 : 1 + Math.floor(rnd() * 5),
      pageSize: pick([10, 20, 50]),
    };
    const actor = pick(actors);
    setSearchIndexMode(db, 'off');
    const fromSql = await searchEntries(h.t.ctx, actor, query);
    setSearchIndexMode(db, 'eager');
    const fromMemory = await searchEntries(h.t.ctx, actor, query);
    expect(fromMemory, JSON.stringify({ i, actor: actor.username, query })).toEqual(fromSql);
    if (fromSql.total > 0) compared++;
  }
  // The comparison is not vacuous: most searches found something.
  expect(compared).toBeGreaterThan(150);
}, 600_000);
