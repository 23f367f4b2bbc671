import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ledgerCount, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry } from './catalog.test-helpers.ts';
import { COVERAGE_MIN, ITEM_SIMILARITY, NAME_SIMILARITY } from './overlap.ts';

// Art. 17 不重复采集: a draft whose items another agency has already published shows that entry and
// needs a justification to be submitted; an authority designates the lead department of a data
// element for its region, and the overlap answer names it.

let h: Harness;
const USERS = [
  'gat.data',
  'mzt.data',
  'rst.data',
  'hrb.gaj.data',
  'sheng.reviewer',
  'sheng.admin',
  'hrb.admin',
];
const USERS2 = ['dq.admin'];
let hukou: number; // 省公安厅 户籍人口基本信息, published

beforeAll(async () => {
  h = await startHarness('2026-03-02T02:00:00Z');
  await h.login(...USERS, ...USERS2);
  hukou = await publish('gat.data', 'sheng.reviewer', basicEntry());
});
afterAll(() => h.t.close());

const call = (user: string, method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown) =>
  h.t.call(h.token[user], { method, url, payload: payload as never });
const draft = async (user: string, over: Record<string, unknown>) =>
  ok(await call(user, 'POST', '/api/v1/catalog/entries', basicEntry(over)), 201).id as number;
const submit = (user: string, id: number, justification?: string) =>
  call(user, 'POST', `/api/v1/catalog/entries/${id}/submit`, justification ? { justification } : undefined);
const overlaps = async (user: string, id: number) =>
  ok(await h.get(user, `/api/v1/catalog/entries/${id}/overlaps`)).items;
const agencyOf = (user: string) => h.me[user].agency.id as number;
/** An item bound to no data element: it needs its own code, type and grade. */
const own = (name: string, code: string) => ({ name, code, dataType: 'string', grade: 'general' });
const REASON = '婚姻登记须核验当事人现场提交的户籍地址，省公安厅数据不含登记时点信息。';

async function publish(user: string, reviewer: string, body: Record<string, unknown>, why?: string) {
  const id = ok(await call(user, 'POST', '/api/v1/catalog/entries', body), 201).id;
  const m = ok(await submit(user, id, why)).reviewMatterId;
  ok(await h.act(reviewer, m, 'publish', {}));
  return id as number;
}

describe('finding overlaps (Art. 17)', () => {
  it('pg_trgm pairs CJK item names at the chosen threshold on this database (Art. 17)', async () => {
    const pairs: [string, string, boolean][] = [
      ['户籍地址', '户籍地址信息', true],
      ['统一社会信用代码', '社会信用代码', true],
      ['注册资本', '注册资本金', true],
      ['参保单位名称', '参保单位编号', false],
      ['出生日期', '死亡日期', false],
      ['婚姻登记信息', '企业登记信息', false],
    ];
    for (const [a, b, similar] of pairs) {
      const r = await sql<{ s: number }>`select similarity(${a}, ${b})::float8 as s`.execute(h.t.ctx.db);
      expect(r.rows[0].s >= ITEM_SIMILARITY, `${a} / ${b}: ${r.rows[0].s}`).toBe(similar);
    }
  });

  it('another agency’s draft holding 3 of 5 items of a published entry lists it, element by element (Art. 17)', async () => {
    const id = await draft('mzt.data', {
      name: '婚姻登记当事人信息',
      items: [
        { name: '公民身份号码' },
        { name: '姓名' },
        { name: '户籍地址' },
        { name: '婚姻状况' },
        { name: '登记日期' },
      ],
    });
    const items = await overlaps('mzt.data', id);
    expect(items).toHaveLength(1);
    expect(items[0].entry).toMatchObject({
      id: hukou,
      name: '户籍人口基本信息',
      provider: { id: agencyOf('gat.data'), name: '黑龙江省公安厅' },
    });
    expect(items[0].coverage).toBe(COVERAGE_MIN);
    expect(
      items[0].items.map((p: { draftItem: { name: string }; match: string }) => [p.draftItem.name, p.match]),
    ).toEqual([
      ['公民身份号码', 'element'],
      ['姓名', 'element'],
      ['户籍地址', 'element'],
    ]);
    expect(items[0].items[0].dataElement).toMatchObject({ name: '公民身份号码' });
  });

  it('sharing only the key items (2 of 4) with a differently named entry is no overlap (Art. 17)', async () => {
    const id = await draft('mzt.data', {
      name: '婚姻登记信息',
      items: [{ name: '公民身份号码' }, { name: '姓名' }, { name: '婚姻状况' }, { name: '登记日期' }],
    });
    expect(await overlaps('mzt.data', id)).toEqual([]);
  });

  it('the agency’s own published entries are not double collection (Art. 17)', async () => {
    const id = await draft('gat.data', { name: '常住人口登记信息' });
    expect(await overlaps('gat.data', id)).toEqual([]);
  });

  it('similar item names pair at the threshold, and a similar entry name lists the entry (Art. 17)', async () => {
    const dogs = {
      name: '城市养犬登记信息',
      classificationCode: '301001',
      groupCode: 'department',
      items: [
        own('养犬登记证编号', 'YQDJZBH'),
        own('犬只品种名称', 'QZPZMC'),
        own('免疫接种日期', 'MYJZRQ'),
        own('犬只颜色', 'QZYS'),
      ],
      ...{ openType: '无条件开放', openReason: null },
    };
    const published = await publish('hrb.gaj.data', 'hrb.admin', basicEntry(dogs));
    const id = await draft('mzt.data', {
      ...dogs,
      name: '养犬登记信息',
      items: [
        own('养犬登记证号', 'YQDJZH'),
        own('犬只品种', 'QZPZ'),
        own('免疫日期', 'MYRQ'),
        own('犬只毛色', 'QZMS'),
      ],
    });
    const [o, ...rest] = await overlaps('mzt.data', id);
    expect(rest).toEqual([]);
    expect(o.entry.id).toBe(published);
    expect(o.nameSimilarity).toBeGreaterThanOrEqual(NAME_SIMILARITY);
    expect(o.coverage).toBeLessThan(COVERAGE_MIN);
    expect(
      o.items.map((p: { draftItem: { name: string }; publishedItem: { name: string }; match: string }) => [
        p.draftItem.name,
        p.publishedItem.name,
        p.match,
      ]),
    ).toEqual([
      ['养犬登记证号', '养犬登记证编号', 'similar'],
      ['犬只品种', '犬只品种名称', 'similar'],
    ]);
  });

  it('only the provider and its reviewing authority see a draft’s overlaps', async () => {
    const id = await draft('mzt.data', { name: '收养登记信息' });
    ok(await h.get('sheng.reviewer', `/api/v1/catalog/entries/${id}/overlaps`));
    expect((await h.get('rst.data', `/api/v1/catalog/entries/${id}/overlaps`)).statusCode).toBe(404);
    expect((await h.get('hrb.admin', `/api/v1/catalog/entries/${id}/overlaps`)).statusCode).toBe(404);
  });
});

describe('submitting with overlaps (Art. 17)', () => {
  let id: number;

  it('without a justification the submission is refused, naming the entries; nothing changes (Art. 17)', async () => {
    id = await draft('mzt.data', { name: '收养当事人户籍信息' });
    const before = await ledgerCount(h.t, 'matter.opened');
    const r = await submit('mzt.data', id);
    expect(r.statusCode).toBe(422);
    const p = r.json();
    expect(p).toMatchObject({
      article: 'Art. 17',
      type: expect.stringContaining('catalog-double-collection'),
    });
    expect(p.detail).toContain('黑龙江省公安厅“户籍人口基本信息”');
    expect(p.overlaps.map((o: { entry: { id: number } }) => o.entry.id)).toEqual([hukou]);
    expect(ok(await call('mzt.data', 'GET', `/api/v1/catalog/entries/${id}`))).toMatchObject({
      status: 'draft',
      reviewMatterId: null,
    });
    expect(await ledgerCount(h.t, 'matter.opened')).toBe(before);
  });

  it('a justification under 10 characters is refused on its field (Art. 17)', async () => {
    const r = await submit('mzt.data', id, '需要采集');
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ article: 'Art. 17', errors: [{ field: 'justification' }] });
  });

  it('with a justification it goes ahead; the reviewer reads it as 重复采集说明 and the ledger keeps it (Art. 17)', async () => {
    const e = ok(await submit('mzt.data', id, `  ${REASON}  `));
    expect(e.status).toBe('submitted');
    const m = ok(await h.get('sheng.reviewer', `/api/v1/matters/${e.reviewMatterId}`));
    expect(m.fields).toContainEqual(expect.objectContaining({ label: '重复采集说明', value: REASON }));
    const ev = await h.t.ctx.db
      .selectFrom('ledger_event')
      .select(['details', 'actor'])
      .where('action', '=', 'catalog.entry.double-collection-justified')
      .where('subject', '=', `catalog-entry:${e.code}`)
      .execute();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      actor: 'mzt.data',
      details: { justification: REASON, overlaps: [{ entryId: hukou }] },
    });
  });

  it('a resubmission after a return is checked again against what was published meanwhile (Art. 17)', async () => {
    const items = [
      own('就业登记证编号', 'JYDJZBH'),
      own('用工单位名称', 'YGDWMC'),
      own('就业登记日期', 'JYDJRQ'),
    ];
    const id = await draft('rst.data', { name: '就业登记人员信息', items });
    const m = ok(await submit('rst.data', id)).reviewMatterId; // no overlap yet
    ok(await h.act('sheng.reviewer', m, 'return', { reason: '请补充数据项说明。' }));
    await publish('mzt.data', 'sheng.reviewer', basicEntry({ name: '就业困难人员登记信息', items }));
    const refused = await submit('rst.data', id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ article: 'Art. 17' });
    // The matter's own transition is held to the same rule.
    const direct = await h.act('rst.data', m, 'resubmit', { data: { entryName: '就业登记人员信息' } });
    expect(direct.statusCode).toBe(422);
    expect(ok(await h.get('rst.data', `/api/v1/matters/${m}`)).state).toBe('returned');
    ok(await submit('rst.data', id, '就业登记由人社部门在经办时直接采集，民政数据仅含困难人员。'));
    const after = ok(await h.get('sheng.reviewer', `/api/v1/matters/${m}`));
    expect(after.state).toBe('reviewing');
    expect(after.fields.find((f: { label: string }) => f.label === '重复采集说明').value).toContain(
      '人社部门',
    );
  });
});

describe('lead departments (Art. 17)', () => {
  const ID_NUMBER = 1; // 公民身份号码 in the seeded dictionary
  let czt: number;

  beforeAll(async () => {
    const list = ok(await h.get('sheng.admin', '/api/v1/agencies?kind=department&level=province')).items;
    czt = list.find((a: { name: string }) => a.name === '黑龙江省财政厅').id;
    const e = ok(await h.get('sheng.admin', '/api/v1/catalog/data-elements')).items;
    expect(e.find((x: { id: number }) => x.id === ID_NUMBER).name).toBe('公民身份号码');
  });

  const designate = (user: string, agencyId: number, element = ID_NUMBER) =>
    call(user, 'PUT', `/api/v1/catalog/lead-departments/${element}`, {
      agencyId,
      basis: '省政府办公厅关于人口基础信息库建设的分工方案',
    });

  it('the provincial authority designates 省公安厅 province-wide; the overlap answer names it (Art. 17)', async () => {
    const r = ok(await designate('sheng.admin', agencyOf('gat.data')));
    expect(r).toMatchObject({
      dataElement: { id: ID_NUMBER, name: '公民身份号码' },
      region: { code: '230000' },
      agency: { name: '黑龙江省公安厅' },
      designatedBy: { agencyId: agencyOf('sheng.admin'), username: 'sheng.admin' },
    });
    expect(await ledgerCount(h.t, 'catalog.lead-department.designated')).toBe(1);
    const id = await draft('mzt.data', { name: '救助对象户籍信息' });
    const pair = (await overlaps('mzt.data', id))[0].items[0];
    expect(pair).toMatchObject({
      dataElement: { name: '公民身份号码' },
      leadDepartment: { agency: { name: '黑龙江省公安厅' }, regionCode: '230000' },
    });
  });

  it('an agency without a published entry holding the element, or an authority, cannot lead (Art. 17)', async () => {
    const r = await designate('sheng.admin', czt);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ article: 'Art. 17', detail: expect.stringContaining('黑龙江省财政厅') });
    const a = await designate('sheng.admin', agencyOf('hrb.admin'));
    expect(a.statusCode).toBe(422);
    expect(a.json()).toMatchObject({ article: 'Art. 17' });
  });

  it('a city authority designates in its own region only: dq.admin cannot designate in Harbin (Art. 17)', async () => {
    // 哈尔滨市公安局 publishes an entry holding 公民身份号码 (with its justification).
    await publish(
      'hrb.gaj.data',
      'hrb.admin',
      basicEntry({ name: '哈尔滨市暂住人口信息' }),
      '暂住人口须由市公安局在办理居住登记时现场采集，省级目录不含该信息。',
    );
    const refused = await designate('dq.admin', agencyOf('hrb.gaj.data'));
    expect(refused.statusCode).toBe(403);
    expect(await ledgerCount(h.t, 'catalog.lead-department.designated')).toBe(1);
    ok(await designate('hrb.admin', agencyOf('hrb.gaj.data')));
  });

  it('each sees the designations in force where it sits; the nearest one is named (Art. 17)', async () => {
    const hrb = ok(await h.get('hrb.gaj.data', '/api/v1/catalog/lead-departments')).items;
    expect(hrb.map((l: { region: { code: string } }) => l.region.code)).toEqual(['230000', '230100']);
    const dq = ok(await h.get('dq.admin', '/api/v1/catalog/lead-departments')).items;
    expect(dq.map((l: { region: { code: string } }) => l.region.code)).toEqual(['230000']);
    const sheng = ok(
      await h.get('sheng.admin', `/api/v1/catalog/lead-departments?dataElementId=${ID_NUMBER}`),
    );
    expect(sheng.items).toHaveLength(2);
    // A Harbin draft reads Harbin's lead department; a provincial draft the province's.
    const hrbDraft = await draft('hrb.gaj.data', { name: '哈尔滨市流动人口信息' });
    const hrbPairs = (await overlaps('hrb.gaj.data', hrbDraft)).flatMap((o: { items: unknown[] }) => o.items);
    expect(hrbPairs.find((p: any) => p.dataElement?.id === ID_NUMBER)).toMatchObject({
      leadDepartment: { agency: { name: '哈尔滨市公安局' }, regionCode: '230100' },
    });
  });
});
