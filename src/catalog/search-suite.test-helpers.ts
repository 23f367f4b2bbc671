import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry, plainItems } from './catalog.test-helpers.ts';
import { seesWorkingVersions } from './entries.ts';
import { workingProviders } from './search.ts';
import { type SearchIndexMode, setSearchIndexMode } from './search-index.ts';
import { runsOf, tolerantTokenSets, wordTokens } from './search-text.ts';

/** The search tests, run on the database path (search.test.ts) and on the in-memory index (search-index.test.ts). */
export function searchSuite(mode: SearchIndexMode): void {
  // Art. 11 目录检索: Chinese full text with exact, disjunctive facets, one-wrong-character tolerance,
  // and the visibility of Art. 12 (working versions only for the provider and its reviewer).

  let h: Harness;
  const USERS = [
    'gat.data',
    'mzt.data',
    'rst.data',
    'hrb.gaj.data',
    'sheng.reviewer',
    'hrb.admin',
    'dq.admin',
  ];
  const JUSTIFY = { justification: '本部门履职确需独立采集，已与相关部门沟通。' };

  const call = (user: string, method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown) =>
    h.t.call(h.token[user], { method, url, payload: payload as never });
  const draft = async (user: string, over: Record<string, unknown>) =>
    ok(await call(user, 'POST', '/api/v1/catalog/entries', basicEntry(over)), 201).id as number;
  const submit = async (user: string, id: number) =>
    ok(await call(user, 'POST', `/api/v1/catalog/entries/${id}/submit`, JUSTIFY)).reviewMatterId as number;
  const publish = async (user: string, reviewer: string, over: Record<string, unknown>) => {
    const id = await draft(user, over);
    ok(await h.act(reviewer, await submit(user, id), 'publish', {}));
    return id;
  };
  type Query = Record<string, string | string[]>;
  const query = (q: Query) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) for (const x of [v].flat()) p.append(k, x);
    return p.toString();
  };
  const search = async (user: string, q: Query = {}) =>
    ok(await h.get(user, `/api/v1/catalog/entries?${query(q)}`));
  const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);
  const facet = (
    r: { facets: Record<string, { value: string; label: string; count: number }[]> },
    f: string,
  ) => Object.fromEntries(r.facets[f].map((v) => [v.label, v.count]));

  /** A data item not in the data-element dictionary states its own code, type and grade. */
  const item = (name: string, code: string) => ({ name, code, dataType: 'string', grade: 'general' });
  const socialItems = [
    { name: '公民身份号码' },
    { name: '姓名' },
    item('参保险种', 'CBXZ'),
    item('缴费基数', 'JFJS'),
  ];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    h = await startHarness();
    setSearchIndexMode(h.t.ctx.db, mode);
    await h.login(...USERS);
    h.at('2026-03-02T10:00');
    // Published, province level (reviewed by the provincial authority).
    ids.huji = await publish('gat.data', 'sheng.reviewer', {});
    ids.idcard = await publish('gat.data', 'sheng.reviewer', {
      name: '居民身份证申领信息',
      summary: '居民身份证申领、换领和补领的办理信息。',
      shareType: '无条件共享',
      shareConditions: null,
    });
    ids.marriage = await publish('mzt.data', 'sheng.reviewer', {
      name: '婚姻登记信息',
      summary: '结婚登记和离婚登记的登记结果。',
      classificationCode: '101003',
      items: [
        item('男方姓名', 'NFXM'),
        item('女方姓名', 'VFXM'),
        { ...item('登记日期', 'DJRQ'), dataType: 'date' },
      ],
    });
    ids.social = await publish('rst.data', 'sheng.reviewer', {
      name: '社会保险参保信息',
      summary: '参保人员的险种、缴费基数与参保状态。',
      classificationCode: '203001',
      groupCode: 'theme.social-security',
      frequencyCode: 'monthly',
      items: socialItems,
    });
    ids.enterprise = await publish('rst.data', 'sheng.reviewer', {
      name: '企业社会保险登记数据',
      summary: '用人单位办理社会保险登记的数据。',
      classificationCode: '203001',
      groupCode: 'theme.social-security',
      shareType: '无条件共享',
      shareConditions: null,
      openType: '无条件开放',
      openReason: null,
      items: plainItems,
    });
    // City level: Harbin's authority reviews.
    h.at('2026-03-03T10:00');
    ids.harbin = await publish('hrb.gaj.data', 'hrb.admin', {
      name: '哈尔滨市流动人口登记信息',
      summary: '哈尔滨市暂住登记的流动人口信息。',
    });
    // Not published: a draft of 省公安厅, a submitted entry of 哈尔滨市公安局.
    ids.gatDraft = await draft('gat.data', { name: '出入境证件签发信息', summary: '出入境证件签发记录。' });
    ids.hrbSubmitted = await draft('hrb.gaj.data', {
      name: '哈尔滨市暂住人口信息',
      summary: '哈尔滨市暂住人口的登记信息。',
    });
    await submit('hrb.gaj.data', ids.hrbSubmitted);
    // Revoked (Art. 16): no users, so the approval takes effect at once.
    ids.revoked = await publish('mzt.data', 'sheng.reviewer', {
      name: '殡葬服务机构信息',
      summary: '殡葬服务机构名录。',
      items: plainItems,
      openType: '无条件开放',
      openReason: null,
    });
    const rev = ok(
      await call('mzt.data', 'POST', `/api/v1/catalog/entries/${ids.revoked}/revocation`, {
        reason: '职能调整',
      }),
      201,
    );
    ok(await h.act('sheng.reviewer', rev.matterId, 'approve', {}));
  });
  afterAll(() => h.t.close());

  describe('full text (Art. 11)', () => {
    it('finds an entry by a word of its name, summary or data items, name hits first', async () => {
      // 户籍 in the name of one, in a data item (户籍地址) of two more: the name hit first.
      expect(names(await search('mzt.data', { q: '户籍' }))).toEqual([
        '户籍人口基本信息',
        '哈尔滨市流动人口登记信息',
        '居民身份证申领信息',
      ]);
      // 参保险种 is a data item of 社会保险参保信息 only.
      expect(names(await search('mzt.data', { q: '险种' }))).toEqual(['社会保险参保信息']);
      // 人口: in the name of both, ranked by the later change first.
      expect(names(await search('mzt.data', { q: '人口' }))).toEqual([
        '哈尔滨市流动人口登记信息',
        '户籍人口基本信息',
      ]);
      // 社会保险 in both names; 登记 in the name of one: that one first.
      expect(names(await search('mzt.data', { q: '社会保险 登记' }))).toEqual(['企业社会保险登记数据']);
      expect(names(await search('mzt.data', { q: '婚' }))).toEqual(['婚姻登记信息']);
      expect(names(await search('mzt.data', { q: '不存在的词' }))).toEqual([]);
    });

    it('matches the provider’s name and the resource code', async () => {
      expect(names(await search('mzt.data', { q: '人社厅' })).sort()).toEqual([
        '企业社会保险登记数据',
        '社会保险参保信息',
      ]);
      expect(names(await search('mzt.data', { q: '公安厅 身份证' }))).toEqual(['居民身份证申领信息']);
      // Words naming many agencies (every data authority) are matched too.
      expect((await search('mzt.data', { q: '数据主管 主管部门' })).total).toBe(0);
      const code = (await search('mzt.data', { q: '婚姻' })).items[0].code;
      expect(names(await search('mzt.data', { q: code }))).toEqual(['婚姻登记信息']);
    });

    it('marks the words found in name and summary', async () => {
      const r = await search('mzt.data', { q: '户籍' });
      expect(r.items[0].highlights.name).toBe('<mark>户籍</mark>人口基本信息');
      expect(r.items[0].highlights.summary).toContain('<mark>户籍</mark>人口');
      expect(r.fuzzy).toBe(false);
    });

    it.each([
      ['户藉人口', '户籍人口基本信息'],
      ['社会保俭', '社会保险参保信息'],
      ['婚因登记', '婚姻登记信息'],
    ])('tolerates one wrong character: %s finds %s and says so (Art. 11)', async (typed, found) => {
      const r = await search('rst.data', { q: typed });
      expect(r.fuzzy).toBe(true);
      expect(names(r)).toContain(found);
      expect(r.items.find((i: { name: string }) => i.name === found).highlights.name).toContain('<mark>');
    });

    it('cuts text the same way in the database and in the query', async () => {
      const stored = await sql<{ tokens: string[] }>`select tokens from catalog_search
        where entry_id = ${ids.marriage}`.execute(h.t.ctx.db);
      const doc = (await search('mzt.data', { q: '婚姻' })).items[0];
      const text = [
        doc.code,
        '婚姻登记信息',
        '结婚登记和离婚登记的登记结果。',
        '男方姓名 女方姓名 登记日期',
      ].join(' ');
      const mine = new Set(
        runsOf(text).flatMap((r) => [
          ...r,
          ...(r.length > 1 ? wordTokens(r) : []),
          ...r.slice(2).map((c, i) => `${r[i]}_${c}`),
        ]),
      );
      const mzt = ok(await h.get('mzt.data', '/api/v1/auth/me')).user.agency.id;
      expect(new Set(stored.rows[0].tokens)).toEqual(new Set([...mine, `@${mzt}`]));
      expect(runsOf('ＧＩＳ数据，2026年（Ａ类）')).toEqual([[...'gis数据'], [...'2026年'], [...'a类']]);
      expect(tolerantTokenSets([...'婚因登记'])).toEqual([
        ['因登', '登记'],
        ['登记', '婚_登'],
        ['婚因', '因_记'],
        ['婚因', '因登'],
      ]);
    });
  });

  describe('facets (Art. 11)', () => {
    it('counts exactly, by provider, group, type, grade, format, frequency, level and region', async () => {
      const r = await search('rst.data', { q: '信息' });
      // By hand: 户籍人口基本信息, 居民身份证申领信息 (公安厅), 婚姻登记信息 (民政厅), 社会保险参保信息 (人社厅),
      // 哈尔滨市流动人口登记信息 (哈尔滨市公安局); not the draft, the submitted or the revoked one.
      expect(r.total).toBe(5);
      expect(facet(r, 'provider')).toEqual({
        黑龙江省公安厅: 2,
        黑龙江省民政厅: 1,
        黑龙江省人力资源和社会保障厅: 1,
        哈尔滨市公安局: 1,
      });
      expect(facet(r, 'shareType')).toEqual({ 无条件共享: 1, 有条件共享: 4 });
      expect(facet(r, 'group')).toEqual({ 人口: 4, 社会保障: 1 });
      expect(facet(r, 'frequency')).toEqual({ 每日: 4, 每月: 1 });
      expect(facet(r, 'level')).toEqual({ 省级: 4, 市级: 1 });
      expect(facet(r, 'region')).toEqual({ 哈尔滨市: 1 });
      expect(facet(r, 'format')).toEqual({ 库表: 5 });
      expect(Object.values(facet(r, 'grade')).reduce((a, b) => a + b)).toBe(5);
      expect(r.facets.level.map((v: { value: string }) => v.value)).toEqual(['province', 'city']);
    });

    it('is disjunctive: a facet’s counts apply every filter but its own', async () => {
      const gat = ok(await h.get('gat.data', '/api/v1/auth/me')).user.agency.id;
      const one = await search('rst.data', { q: '信息', provider: String(gat) });
      expect(one.total).toBe(2);
      expect(names(one).sort()).toEqual(['居民身份证申领信息', '户籍人口基本信息']);
      // The provider facet still lists the others (to add them), the other facets only 公安厅's entries.
      expect(Object.keys(facet(one, 'provider'))).toHaveLength(4);
      expect(facet(one, 'shareType')).toEqual({ 无条件共享: 1, 有条件共享: 1 });
      const two = await search('rst.data', { q: '信息', provider: String(gat), shareType: '有条件共享' });
      expect(two.total).toBe(1);
      expect(facet(two, 'provider')).toEqual({
        黑龙江省公安厅: 1,
        黑龙江省民政厅: 1,
        黑龙江省人力资源和社会保障厅: 1,
        哈尔滨市公安局: 1,
      });
      expect(facet(two, 'shareType')).toEqual({ 无条件共享: 1, 有条件共享: 1 });
      // Several values of one facet: either (comma list or repeated parameter).
      const either = await search('rst.data', { q: '信息', level: ['province', 'city'], region: '230100' });
      expect(names(either)).toEqual(['哈尔滨市流动人口登记信息']);
      // A selected value stays listed, even at 0.
      expect(facet(either, 'level')).toEqual({ 省级: 0, 市级: 1 });
      expect(facet(either, 'region')).toEqual({ 哈尔滨市: 1 });
      expect((await search('rst.data', { q: '信息', level: 'province,city' })).total).toBe(5);
    });

    it('lists everything visible without a query, newest change first', async () => {
      const r = await search('rst.data');
      expect(r.total).toBe(6);
      expect(r.items[0].name).toBe('哈尔滨市流动人口登记信息');
      expect(r.items[0].highlights).toBeUndefined();
      expect(r.fuzzy).toBe(false);
    });
  });

  describe('paging and sorting', () => {
    it('pages of the relevance ranking are the same whichever way they are found', async () => {
      // A small page is answered from the latest rows with every word in the name; a large one ranks all hits.
      for (const q of ['人口', '信息', '登记 信息']) {
        const all = names(await search('rst.data', { q, pageSize: '100' }));
        const paged: string[] = [];
        for (let p = 1; p <= all.length; p++)
          paged.push(...names(await search('rst.data', { q, pageSize: '1', page: String(p) })));
        expect(paged).toEqual(all);
      }
    });

    it('pages through the hits and sorts by name, code, publication and change', async () => {
      const p1 = await search('rst.data', { pageSize: '4', sort: 'code' });
      const p2 = await search('rst.data', { pageSize: '4', sort: 'code', page: '2' });
      expect(p1.total).toBe(6);
      expect(p1.items).toHaveLength(4);
      expect(p2.items).toHaveLength(2);
      const codes = [...p1.items, ...p2.items].map((i: { code: string }) => i.code);
      expect(codes).toEqual([...codes].sort());
      const byName = names(await search('rst.data', { sort: 'name', pageSize: '100' }));
      expect(byName).toEqual([...byName].sort());
      const byDate = (await search('rst.data', { sort: 'publishDate' })).items.map(
        (i: { publishDate: string }) => i.publishDate,
      );
      expect(byDate[0]).toBe('2026-03-03');
      expect(byDate.at(-1)).toBe('2026-03-02');
      expect((await h.get('rst.data', '/api/v1/catalog/entries?pageSize=101')).statusCode).toBe(400);
      expect((await h.get('rst.data', '/api/v1/catalog/entries?status=gone')).statusCode).toBe(400);
    });
  });

  describe('who sees what (Art. 12, 16)', () => {
    it('a draft of 省公安厅 is found by itself and the provincial reviewer, not by 省民政厅', async () => {
      expect(names(await search('gat.data', { q: '出入境' }))).toEqual(['出入境证件签发信息']);
      const r = await search('sheng.reviewer', { q: '出入境', status: 'draft' });
      expect(r.items.map((i: { status: string }) => i.status)).toEqual(['draft']);
      expect((await search('mzt.data', { q: '出入境' })).total).toBe(0);
      // Not even through the facets: 省民政厅 counts only what it may see.
      expect(facet(await search('mzt.data', { q: '信息' }), 'provider').黑龙江省公安厅).toBe(2);
    });

    it('哈尔滨市公安局’s submitted entry is seen by Harbin’s authority, not by the provincial reviewer or Daqing', async () => {
      expect(names(await search('hrb.gaj.data', { q: '暂住人口' }))).toEqual(['哈尔滨市暂住人口信息']);
      expect(names(await search('hrb.admin', { q: '暂住人口', status: 'submitted' }))).toEqual([
        '哈尔滨市暂住人口信息',
      ]);
      expect((await search('sheng.reviewer', { q: '暂住人口' })).total).toBe(0);
      expect((await search('dq.admin', { q: '暂住人口' })).total).toBe(0);
    });

    it('a revoked entry is hidden from others, still found by its provider and reviewer (Art. 16)', async () => {
      expect((await search('rst.data', { q: '殡葬' })).total).toBe(0);
      const own = await search('mzt.data', { q: '殡葬' });
      expect(own.items.map((i: { status: string }) => i.status)).toEqual(['revoked']);
      expect((await search('sheng.reviewer', { q: '殡葬', status: 'revoked' })).total).toBe(1);
    });

    it('an entry being revoked stays found by everyone while it is still provided (Art. 16)', async () => {
      const id = await publish('mzt.data', 'sheng.reviewer', {
        name: '养老机构备案信息',
        summary: '养老机构备案的登记结果。',
        items: plainItems,
        openType: '无条件开放',
        openReason: null,
      });
      ok(await call('rst.data', 'POST', `/api/v1/catalog/entries/${id}/subscriptions`), 201);
      const rev = ok(
        await call('mzt.data', 'POST', `/api/v1/catalog/entries/${id}/revocation`, { reason: '职能调整' }),
        201,
      );
      ok(await h.act('sheng.reviewer', rev.matterId, 'approve', {}));
      const r = await search('rst.data', { q: '养老机构' });
      expect(r.items.map((i: { name: string; status: string }) => [i.name, i.status])).toEqual([
        ['养老机构备案信息', 'revoking'],
      ]);
    });

    it('a new version in the works: the provider finds it by its new name, others by the published one', async () => {
      ok(await call('gat.data', 'POST', `/api/v1/catalog/entries/${ids.idcard}/versions`), 201);
      ok(
        await call(
          'gat.data',
          'PUT',
          `/api/v1/catalog/entries/${ids.idcard}`,
          basicEntry({ name: '居民身份证受理信息', shareType: '无条件共享', shareConditions: null }),
        ),
      );
      expect(names(await search('gat.data', { q: '受理' }))).toEqual(['居民身份证受理信息']);
      expect(names(await search('mzt.data', { q: '受理' }))).toEqual([]);
      expect(names(await search('mzt.data', { q: '身份证' }))).toEqual(['居民身份证申领信息']);
      const own = (await search('gat.data', { q: '身份证' })).items[0];
      expect(own).toMatchObject({ name: '居民身份证受理信息', version: 2, status: 'published' });
    });

    it('the SQL visibility is the rule of seesWorkingVersions, for every pair of demo agencies', async () => {
      const agencies = await sql<{ id: number; kind: 'authority' | 'department' | 'coordination' }>`
        select id, kind from agency`.execute(h.t.ctx.db);
      const actors = agencies.rows.filter((a, i) => a.kind !== 'department' || i % 10 === 0);
      for (const a of actors) {
        const actor = {
          accountId: null,
          username: 't',
          agencyId: a.id,
          agencyLevel: null,
          agencyKind: a.kind,
          roles: [],
        };
        const working = new Set(await workingProviders(h.t.ctx, actor));
        for (const p of agencies.rows)
          expect([a.id, p.id, working.has(p.id)]).toEqual([
            a.id,
            p.id,
            await seesWorkingVersions(h.t.ctx.db, actor, p.id),
          ]);
      }
    });
  });
}
