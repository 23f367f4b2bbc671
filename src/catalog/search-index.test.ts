import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry, plainItems } from './catalog.test-helpers.ts';
import {
  compareCodePoints,
  pruneSearchChanges,
  searchIndexStats,
  setSearchIndexMode,
  settleSearchIndex,
  WARM_HITS,
} from './search-index.ts';
import { searchSuite } from './search-suite.test-helpers.ts';

// Art. 11 目录检索 from the in-memory index: the whole search suite with every exact search answered
// from memory, then what only the index can get wrong — changes made after it was built, by
// transactions committing out of order, and the order of names.
searchSuite('eager');

describe('the in-memory index stays exact (Art. 11)', () => {
  let h: Harness;
  const ids: number[] = [];
  const search = async (user: string, q: string) => ok(await h.get(user, `/api/v1/catalog/entries?${q}`));
  const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name).sort();
  const open = (name: string) => ({
    ...basicEntry({ name }),
    items: plainItems,
    openType: '无条件开放',
    openReason: null,
  });

  beforeAll(async () => {
    h = await startHarness();
    await h.login('gat.data', 'mzt.data', 'sheng.reviewer');
    h.at('2026-03-02T10:00');
    setSearchIndexMode(h.t.ctx.db, 'eager');
    for (const name of ['甲类登记信息', '乙类登记信息', '丙类登记信息']) {
      const id = ok(
        await h.t.call(h.token['gat.data'], {
          method: 'POST',
          url: '/api/v1/catalog/entries',
          payload: open(name),
        }),
        201,
      ).id as number;
      const m = ok(
        await h.t.call(h.token['gat.data'], {
          method: 'POST',
          url: `/api/v1/catalog/entries/${id}/submit`,
          payload: { justification: '本部门履职确需独立采集，已与相关部门沟通。' },
        }),
      ).reviewMatterId as number;
      ok(await h.act('sheng.reviewer', m, 'publish', {}));
      ids.push(id);
    }
  });
  afterAll(() => h.t.close());

  const rename = (db: typeof h.t.ctx.db, id: number, name: string) =>
    sql`update catalog_entry_version v set name = ${name} from catalog_entry e
      where e.id = ${id} and v.entry_id = e.id and v.version = e.current_version`.execute(db);

  it('sees a change committed after the index was built, from the next search on', async () => {
    expect(names(await search('mzt.data', 'q=登记'))).toEqual([
      '丙类登记信息',
      '乙类登记信息',
      '甲类登记信息',
    ]);
    expect(searchIndexStats(h.t.ctx.db).tokens).toContain('登记');
    await rename(h.t.ctx.db, ids[0], '甲类备案信息');
    const r = await search('mzt.data', 'q=登记');
    expect(names(r)).toEqual(['丙类登记信息', '乙类登记信息']);
    expect(r.total).toBe(2);
    expect(names(await search('mzt.data', 'q=备案'))).toEqual(['甲类备案信息']);
    await rename(h.t.ctx.db, ids[0], '甲类登记信息');
  });

  it('takes a change whose transaction began before the index’s snapshot and committed after it', async (ctx) => {
    if (h.t.ctx.dbKind !== 'postgres') ctx.skip(); // PGlite has one connection: no two writers at once
    const db = h.t.ctx.db;
    await search('mzt.data', 'q=登记');
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let began!: () => void;
    const written = new Promise<void>((r) => {
      began = r;
    });
    // Writer 1 renames 甲 and waits; writer 2 renames 乙 and commits; a search runs between.
    const first = db.transaction().execute(async (trx) => {
      await rename(trx as never, ids[0], '甲类核准信息');
      began();
      await held;
    });
    await written;
    await rename(db, ids[1], '乙类核准信息');
    expect(names(await search('mzt.data', 'q=核准'))).toEqual(['乙类核准信息']);
    release();
    await first;
    expect(names(await search('mzt.data', 'q=核准'))).toEqual(['乙类核准信息', '甲类核准信息']);
    expect((await search('mzt.data', 'q=登记')).total).toBe(1);
  });

  it('warms itself in auto mode after a broad query through the database', async () => {
    const db = h.t.ctx.db;
    setSearchIndexMode(db, 'auto');
    // Fewer hits than WARM_HITS: not loaded.
    expect((await search('mzt.data', 'q=丙类')).total).toBe(1);
    await settleSearchIndex(db);
    expect(searchIndexStats(db).tokens).not.toContain('丙类');
    // Enough hits: loaded in the background, then answered from memory.
    await sql`insert into catalog_search (entry_id, version, provider_agency_id, published, latest, publish_date,
        updated_at, facets, name_key, code, status, provider_level, provider_region_code, group_code, format_code,
        frequency_code, share_type, open_type, grade_code, toast_pad, tokens)
      select -g, 1, s.provider_agency_id, true, true, s.publish_date, s.updated_at, s.facets, '批量' || g, s.code,
        s.status, s.provider_level, s.provider_region_code, s.group_code, s.format_code, s.frequency_code,
        s.share_type, s.open_type, s.grade_code, '', array['批量', '批', '量']
      from catalog_search s, generate_series(1, ${WARM_HITS}) g where s.entry_id = ${ids[2]}`.execute(db);
    expect((await search('mzt.data', 'q=批量')).total).toBe(WARM_HITS);
    await settleSearchIndex(db);
    expect(searchIndexStats(db).tokens).toContain('批量');
    await sql`delete from catalog_search where entry_id < 0`.execute(db);
    const r = await search('mzt.data', 'q=批量');
    expect(r.total).toBe(0);
    setSearchIndexMode(db, 'eager');
  });

  it('prunes change notes older than a day, keeps the recent ones', async () => {
    const db = h.t.ctx.db;
    await sql`insert into catalog_search_change (entry_id, noted_at) values (-999999, now() - interval '25 hours')`.execute(
      db,
    );
    const before = Number(
      (await sql<{ n: number }>`select count(*)::int as n from catalog_search_change`.execute(db)).rows[0].n,
    );
    expect(await pruneSearchChanges(db)).toBeGreaterThanOrEqual(1);
    const left = await sql<{ n: number; old: number }>`select count(*)::int as n,
      count(*) filter (where entry_id = -999999)::int as old from catalog_search_change`.execute(db);
    expect(left.rows[0].old).toBe(0);
    expect(left.rows[0].n).toBeGreaterThan(0);
    expect(left.rows[0].n).toBeLessThan(before);
  });

  it('orders names by code point, as PostgreSQL’s C collation does', async () => {
    const words = ['户籍', '户口', 'a户', '𠀀档案', '\uff5e号', '𡈼', 'Z', '户'];
    const pg = (
      await sql<{ x: string }>`select x from unnest(${words}::text[]) x order by x collate "C"`.execute(
        h.t.ctx.db,
      )
    ).rows.map((r) => r.x);
    expect([...words].sort(compareCodePoints)).toEqual(pg);
  });
});
