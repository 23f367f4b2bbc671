import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { basicEntry, plainItems } from './catalog.test-helpers.ts';

let t: TestSystem;
const tok: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of [
    'gat.data',
    'mzt.data',
    'hrb.gaj.data',
    'gat.user',
    'sheng.reviewer',
    'hrb.admin',
    'sheng.admin',
  ])
    tok[u] = await t.login(u);
});
afterAll(() => t.close());

const post = (who: string, payload: object) =>
  t.call(tok[who], { method: 'POST', url: '/api/v1/catalog/entries', payload });
const put = (who: string, id: number, payload: object) =>
  t.call(tok[who], { method: 'PUT', url: `/api/v1/catalog/entries/${id}`, payload });
const get = (who: string, id: number) =>
  t.call(tok[who], { method: 'GET', url: `/api/v1/catalog/entries/${id}` });

describe('compiling an entry (Art. 13)', () => {
  it('creates a draft for the data officer’s own agency with a generated code and bound items', async () => {
    const res = await post('gat.data', basicEntry());
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      status: 'draft',
      versionStatus: 'draft',
      version: 1,
      providerAgency: { name: '黑龙江省公安厅', level: 'province' },
      shareType: '有条件共享',
      shareConditions: { scope: '省内政务部门', purpose: '办理政务服务事项时核验身份' },
      publishDate: null,
    });
    expect(e.code).toMatch(/^101001-HLJ\.GAT-\d{5}$/);
    // Items inherit the element's type, length and personal-information kind.
    expect(e.items[0]).toMatchObject({
      code: 'GMSFHM',
      dataType: 'string',
      length: 18,
      piKind: 'id_number',
      grade: 'important',
      boundAutomatically: true,
    });
    expect(e.items[3]).toMatchObject({ code: 'QRRQ', dataElementId: null, boundAutomatically: false });
  });

  it('binds an item named by a synonym (身份证号 → 公民身份号码) and says so', async () => {
    const res = await post('gat.data', basicEntry({ items: [{ name: '身份证号' }, { name: '手机号' }] }));
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e.items[0]).toMatchObject({
      code: 'GMSFHM',
      length: 18,
      piKind: 'id_number',
      boundAutomatically: true,
    });
    expect(e.items[1]).toMatchObject({ code: 'SJHM', piKind: 'phone' });
    expect(e.notices.map((n: { message: string }) => n.message)).toContain(
      '数据项“身份证号”已按名称自动关联数据元“公民身份号码”（DE00001）',
    );
  });

  it('generates unique, sequential codes per classification and provider', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await post('mzt.data', basicEntry({ classificationCode: '101003' }))).json().code);
    expect(new Set(codes).size).toBe(3);
    expect(codes).toEqual(['101003-HLJ.MZT-00001', '101003-HLJ.MZT-00002', '101003-HLJ.MZT-00003']);
    const city = (await post('hrb.gaj.data', basicEntry({ classificationCode: '101003' }))).json();
    expect(city.code).toBe('101003-HRB.GAJ-00001');
    const rows = await t.ctx.db.selectFrom('catalog_entry').select('code').execute();
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it('the code is unique by a database constraint', async () => {
    const one = await t.ctx.db.selectFrom('catalog_entry').selectAll().executeTakeFirstOrThrow();
    const { id: _id, ...copy } = one;
    await expect(t.ctx.db.insertInto('catalog_entry').values(copy).execute()).rejects.toThrow();
  });

  it('lists every invalid field in one 400 with Chinese messages', async () => {
    const res = await post(
      'gat.data',
      basicEntry({
        name: ' ',
        classificationCode: '101',
        groupCode: 'nope',
        frequencyCode: 'hourly',
        shareType: '部分共享',
        items: [{ name: '未知字段' }, { name: '姓名', grade: 'top-secret' }],
      }),
    );
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'classificationCode',
        'groupCode',
        'frequencyCode',
        'shareType',
        'items.0.code',
        'items.0.dataType',
        'items.0.grade',
        'items.1.grade',
      ]),
    );
    for (const e of res.json().errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a write is ledgered', async () => {
    const e = (await post('gat.data', basicEntry({ name: '居民户口迁移信息' }))).json();
    const events = await t.ctx.db
      .selectFrom('ledger_event')
      .selectAll()
      .where('subject', '=', `catalog-entry:${e.code}`)
      .execute();
    expect(events.map((x) => x.action)).toEqual(['catalog.entry.drafted']);
    expect(events[0].actor).toBe('gat.data');
  });
});

describe('grading (Art. 14)', () => {
  it('the entry’s grade is the highest of its items (就高从严), never entered', async () => {
    const low = (
      await post(
        'gat.data',
        basicEntry({
          items: [{ name: '迁入日期', code: 'QRRQ', dataType: 'date', grade: 'general-1' }, { name: '姓名' }],
        }),
      )
    ).json();
    expect(low.grade).toBe('general-2');
    const high = (
      await post(
        'gat.data',
        basicEntry({ grade: 'general', items: [{ name: '姓名' }, { name: '公民身份号码', grade: 'core' }] }),
      )
    ).json();
    expect(high.grade).toBe('core');
  });

  it('Art. 14: core data cannot be 无条件开放 (422)', async () => {
    const res = await post(
      'gat.data',
      basicEntry({ openType: '无条件开放', items: [{ name: '企业名称', grade: 'core' }] }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ article: 'Art. 14', title: '核心数据不得无条件开放' });
  });
});

describe('personal information (Art. 33)', () => {
  it('Art. 33: PI items without an open type default to 不予开放, and the answer says so', async () => {
    const res = await post('gat.data', basicEntry({ openType: undefined, openReason: undefined }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      openType: '不予开放',
      openReason: '含个人信息，依据第三十三条不予开放',
    });
    expect(res.json().notices).toContainEqual(expect.objectContaining({ article: 'Art. 33' }));
  });

  it('Art. 33: opening PI items without recorded consent is refused (422)', async () => {
    const res = await post('gat.data', basicEntry({ openType: '有条件开放', openConditions: '实名申请' }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      article: 'Art. 33',
      type: expect.stringContaining('personal-information'),
    });
  });

  it('Art. 33: with consent recorded, PI items may be opened on conditions', async () => {
    const res = await post(
      'gat.data',
      basicEntry({
        openType: '有条件开放',
        openConditions: '本人实名申请',
        piConsent: { basis: '本人书面授权同意' },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().piConsent).toEqual({ basis: '本人书面授权同意' });
  });
});

describe('share and open types (Art. 21, 33)', () => {
  it('Art. 21: 有条件共享 without conditions is saved as 无条件共享, and the answer says so', async () => {
    const res = await post('gat.data', basicEntry({ shareConditions: null }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ shareType: '无条件共享', shareConditions: null });
    expect(res.json().notices).toContainEqual({
      article: 'Art. 21',
      message: '未填写共享条件，依据第二十一条按无条件共享处理',
    });
  });

  it('Art. 21: 不予共享 needs its legal basis (422)', async () => {
    const res = await post('gat.data', basicEntry({ shareType: '不予共享', shareConditions: null }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ article: 'Art. 21', title: '不予共享须注明法律法规依据' });
    const ok = await post(
      'gat.data',
      basicEntry({ shareType: '不予共享', shareLegalBasis: '《中华人民共和国反恐怖主义法》第四十八条' }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().shareLegalBasis).toContain('反恐怖主义法');
  });

  it('Art. 33: 有条件开放 needs its conditions (422)', async () => {
    const res = await post('gat.data', basicEntry({ items: plainItems, openType: '有条件开放' }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ article: 'Art. 33', title: '有条件开放须注明开放条件' });
  });

  it('Art. 33: 不予开放 needs its reason (422)', async () => {
    const res = await post(
      'gat.data',
      basicEntry({ items: plainItems, openType: '不予开放', openReason: '' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ article: 'Art. 33', title: '不予开放须注明理由' });
  });

  it('无条件开放 of non-PI, non-core data is accepted', async () => {
    const res = await post(
      'gat.data',
      basicEntry({ items: plainItems, openType: '无条件开放', openReason: null }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ openType: '无条件开放', openReason: null, grade: 'general' });
  });
});

describe('who may see and change a draft (Art. 12)', () => {
  let draft: { id: number; code: string };
  beforeAll(async () => {
    draft = (await post('gat.data', basicEntry({ name: '机动车驾驶人信息' }))).json();
  });

  it('the own agency and the same-level authority see the draft; another department gets 404', async () => {
    expect((await get('gat.data', draft.id)).statusCode).toBe(200);
    expect((await get('gat.user', draft.id)).statusCode).toBe(200);
    expect((await get('sheng.reviewer', draft.id)).statusCode).toBe(200);
    expect((await get('mzt.data', draft.id)).statusCode).toBe(404);
    expect((await get('hrb.gaj.data', draft.id)).statusCode).toBe(404);
    expect((await get('hrb.admin', draft.id)).statusCode).toBe(404);
  });

  it('a city department’s draft is seen by the city authority, not the provincial one', async () => {
    const city = (await post('hrb.gaj.data', basicEntry())).json();
    expect((await get('hrb.admin', city.id)).statusCode).toBe(200);
    expect((await get('sheng.reviewer', city.id)).statusCode).toBe(404);
  });

  it('the data officer edits the draft; the edit is ledgered', async () => {
    const res = await put(
      'gat.data',
      draft.id,
      basicEntry({ name: '机动车驾驶人基本信息', shareConditions: null }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '机动车驾驶人基本信息',
      shareType: '无条件共享',
      code: draft.code,
    });
    expect(res.json().notices).toContainEqual(expect.objectContaining({ article: 'Art. 21' }));
    const actions = (
      await t.ctx.db
        .selectFrom('ledger_event')
        .select('action')
        .where('subject', '=', `catalog-entry:${draft.code}`)
        .execute()
    ).map((e) => e.action);
    expect(actions).toEqual(['catalog.entry.drafted', 'catalog.entry.edited']);
  });

  it('changing the classification of a never-submitted draft gives it a new code', async () => {
    const res = await put('gat.data', draft.id, basicEntry({ classificationCode: '301001' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().code).toMatch(/^301001-HLJ\.GAT-\d{5}$/);
    draft = res.json();
  });

  it('a wrong role gets 403 on writes (gat.user is a 部门用户)', async () => {
    expect((await post('gat.user', basicEntry())).statusCode).toBe(403);
    expect((await put('gat.user', draft.id, basicEntry())).statusCode).toBe(403);
    const del = await t.call(tok['gat.user'], {
      method: 'DELETE',
      url: `/api/v1/catalog/entries/${draft.id}`,
    });
    expect(del.statusCode).toBe(403);
  });

  it('another agency’s data officer gets 403/404 on PUT and DELETE', async () => {
    for (const who of ['mzt.data', 'hrb.gaj.data']) {
      expect([403, 404]).toContain((await put(who, draft.id, basicEntry())).statusCode);
      const del = await t.call(tok[who], { method: 'DELETE', url: `/api/v1/catalog/entries/${draft.id}` });
      expect([403, 404]).toContain(del.statusCode);
    }
    expect((await get('gat.data', draft.id)).json().name).toBe('户籍人口基本信息');
  });

  it('related entries must exist and be visible', async () => {
    const other = (await post('mzt.data', basicEntry())).json();
    const res = await put('gat.data', draft.id, basicEntry({ relatedEntryIds: [other.id, 999_999] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'relatedEntryIds.0',
      'relatedEntryIds.1',
    ]);
    const own = (await post('gat.data', basicEntry({ name: '居民身份证信息' }))).json();
    const ok = await put('gat.data', draft.id, basicEntry({ relatedEntryIds: [own.id] }));
    expect(ok.json().relatedEntryIds).toEqual([own.id]);
  });

  it('the own agency deletes a never-submitted draft; it is gone and the deletion ledgered', async () => {
    const { code } = (await get('gat.data', draft.id)).json();
    const del = await t.call(tok['gat.data'], {
      method: 'DELETE',
      url: `/api/v1/catalog/entries/${draft.id}`,
    });
    expect(del.statusCode).toBe(204);
    expect((await get('gat.data', draft.id)).statusCode).toBe(404);
    const ev = await t.ctx.db
      .selectFrom('ledger_event')
      .select('action')
      .where('subject', '=', `catalog-entry:${code}`)
      .where('action', '=', 'catalog.entry.deleted')
      .execute();
    expect(ev).toHaveLength(1);
  });

  it('a submitted entry can be neither edited nor deleted', async () => {
    const e = (await post('gat.data', basicEntry())).json();
    const sub = await t.call(tok['gat.data'], {
      method: 'POST',
      url: `/api/v1/catalog/entries/${e.id}/submit`,
    });
    expect(sub.statusCode, sub.body).toBe(200);
    expect((await put('gat.data', e.id, basicEntry())).statusCode).toBe(409);
    const del = await t.call(tok['gat.data'], { method: 'DELETE', url: `/api/v1/catalog/entries/${e.id}` });
    expect(del.statusCode).toBe(409);
  });

  it('a published entry is visible to any staff; its draft successor only to its own side', async () => {
    const e = (await post('gat.data', basicEntry({ name: '出入境证件信息' }))).json();
    const sub = await t.call(tok['gat.data'], {
      method: 'POST',
      url: `/api/v1/catalog/entries/${e.id}/submit`,
    });
    expect((await get('mzt.data', e.id)).statusCode).toBe(404);
    const pub = await t.call(tok['sheng.reviewer'], {
      method: 'POST',
      url: `/api/v1/matters/${sub.json().reviewMatterId}/transitions/publish`,
      payload: {},
    });
    expect(pub.statusCode, pub.body).toBe(200);
    const seen = await get('mzt.data', e.id);
    expect(seen.statusCode).toBe(200);
    // Published on the Beijing date of the test clock (2026-01-05 09:00 Beijing).
    expect(seen.json()).toMatchObject({ status: 'published', publishDate: '2026-01-05' });
    expect((await get('hrb.admin', e.id)).statusCode).toBe(200);
    expect((await put('mzt.data', e.id, basicEntry())).statusCode).toBe(403);
    const v2 = await t.call(tok['gat.data'], {
      method: 'POST',
      url: `/api/v1/catalog/entries/${e.id}/versions`,
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect((await put('gat.data', e.id, basicEntry({ name: '出入境证件签发信息' }))).statusCode).toBe(200);
    expect((await get('gat.data', e.id)).json()).toMatchObject({ version: 2, name: '出入境证件签发信息' });
    expect((await get('mzt.data', e.id)).json()).toMatchObject({ version: 1, name: '出入境证件信息' });
  });
});
