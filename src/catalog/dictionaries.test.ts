import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { basicEntry } from './catalog.test-helpers.ts';

let t: TestSystem;
const tok: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['sheng.admin', 'hrb.admin', 'gat.data', 'gat.user', 'sheng.reviewer'])
    tok[u] = await t.login(u);
});
afterAll(() => t.close());

const dict = (who: string, kind: string, q = '') =>
  t.call(tok[who], { method: 'GET', url: `/api/v1/catalog/dictionaries/${kind}${q}` });
const putTerm = (who: string, kind: string, code: string, payload: object) =>
  t.call(tok[who], { method: 'PUT', url: `/api/v1/catalog/dictionaries/${kind}/${code}`, payload });
const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((i) => i.name);

describe('the catalog standard as seeded (Art. 12, 20)', () => {
  it('any staff member reads the dictionaries', async () => {
    expect(names(await dict('gat.user', 'groups'))).toEqual(
      expect.arrayContaining([
        '基础库',
        '人口',
        '法人',
        '自然资源和空间地理',
        '电子证照',
        '主题库',
        '医疗健康',
        '政务服务',
        '社会保障',
        '生态环保',
        '信用体系',
        '应急管理',
        '国资监管',
        '专题库',
        '部门目录',
      ]),
    );
    expect(names(await dict('gat.user', 'formats'))).toEqual(['库表', '文件', '接口']);
    expect(names(await dict('gat.user', 'frequencies'))).toEqual([
      '实时',
      '每日',
      '每周',
      '每月',
      '每季度',
      '每年',
      '不定期',
    ]);
    const grades = (await dict('gat.user', 'grades')).json().items;
    expect(grades.map((g: { name: string }) => g.name)).toEqual(['核心', '重要', '一般', '一般-1', '一般-2']);
    expect(grades.find((g: { code: string }) => g.code === 'general-1').parentCode).toBe('general');
    const classes = (await dict('gat.user', 'classes')).json().items;
    expect(classes.find((c: { code: string }) => c.code === '101001')).toMatchObject({
      name: '人口基本信息',
      parentCode: '101',
    });
  });

  it('the data-element dictionary holds 公民身份号码 with its synonyms, type, length and rule', async () => {
    const res = await t.call(tok['gat.user'], { method: 'GET', url: '/api/v1/catalog/data-elements' });
    const items = res.json().items;
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items.find((e: { name: string }) => e.name === '公民身份号码')).toMatchObject({
      synonyms: expect.arrayContaining(['身份证号', '证件号码']),
      dataType: 'string',
      length: 18,
      standard: 'GB 11643-1999',
      piKind: 'id_number',
    });
    expect(items.find((e: { name: string }) => e.name === '统一社会信用代码')).toMatchObject({
      length: 18,
      standard: 'GB 32100-2015',
      piKind: null,
    });
    expect(items.find((e: { name: string }) => e.name === '行政区划代码')).toMatchObject({
      length: 6,
      standard: 'GB/T 2260',
    });
  });
});

describe('changing the standard (Art. 12: the provincial authority only)', () => {
  it('sheng.admin adds a sub-level of 一般; the change is versioned and ledgered', async () => {
    const add = await putTerm('sheng.admin', 'grades', 'general-3', {
      name: '一般-3',
      parentCode: 'general',
      rank: 103,
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json()).toMatchObject({ code: 'general-3', version: 1, updatedBy: 'sheng.admin' });
    const change = await putTerm('sheng.admin', 'grades', 'general-3', {
      name: '一般（三级）',
      parentCode: 'general',
    });
    expect(change.json()).toMatchObject({ name: '一般（三级）', version: 2, rank: 103 });
    const events = await t.ctx.db
      .selectFrom('ledger_event')
      .selectAll()
      .where('subject', '=', 'catalog-dictionary:grades:general-3')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['catalog.dictionary.added', 'catalog.dictionary.changed']);
    expect(events[1].details).toMatchObject({
      version: 2,
      before: { name: '一般-3' },
      after: { name: '一般（三级）' },
    });
  });

  it('a retired term is hidden and can no longer be used by entries', async () => {
    const r = await putTerm('sheng.admin', 'frequencies', 'weekly', { name: '每周', retired: true });
    expect(r.json()).toMatchObject({ retired: true, version: 2 });
    expect(names(await dict('gat.user', 'frequencies'))).not.toContain('每周');
    expect(names(await dict('gat.user', 'frequencies', '?includeRetired=true'))).toContain('每周');
    const e = await t.call(tok['gat.data'], {
      method: 'POST',
      url: '/api/v1/catalog/entries',
      payload: basicEntry({ frequencyCode: 'weekly' }),
    });
    expect(e.statusCode).toBe(400);
    expect(e.json().errors).toEqual([{ field: 'frequencyCode', message: '更新频率“weekly”不存在或已停用' }]);
  });

  it('a classification code must follow 类1位+项2位+目3位 (+细目2位) under an existing parent', async () => {
    const ok = await putTerm('sheng.admin', 'classes', '10100101', { name: '常住人口信息' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().parentCode).toBe('101001');
    const bad = await putTerm('sheng.admin', 'classes', '1010', { name: '错误' });
    expect(bad.statusCode).toBe(400);
    const orphan = await putTerm('sheng.admin', 'classes', '909001', { name: '无上级' });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().errors[0].field).toBe('parentCode');
  });

  it('hrb.admin (a city authority) gets 403 naming Art. 12; others lack the permission', async () => {
    const res = await putTerm('hrb.admin', 'formats', 'table', { name: '数据库表' });
    expect(res.statusCode).toBe(403);
    expect(res.json().article).toBe('Art. 12');
    expect((await putTerm('gat.data', 'formats', 'table', { name: '数据库表' })).statusCode).toBe(403);
    expect((await putTerm('sheng.reviewer', 'formats', 'table', { name: '数据库表' })).statusCode).toBe(403);
    expect(names(await dict('gat.user', 'formats'))).toContain('库表');
  });

  it('sheng.admin adds a data element; a synonym already taken is refused; hrb.admin gets 403', async () => {
    const el = {
      name: '护照号码',
      synonyms: ['护照号'],
      fieldName: 'HZHM',
      dataType: 'string',
      length: 9,
      piKind: 'id_number',
      defaultGrade: 'important',
    };
    const res = await t.call(tok['sheng.admin'], {
      method: 'POST',
      url: '/api/v1/catalog/data-elements',
      payload: el,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ identifier: expect.stringMatching(/^DE\d{5}$/), version: 1 });
    const clash = await t.call(tok['sheng.admin'], {
      method: 'PUT',
      url: `/api/v1/catalog/data-elements/${res.json().id}`,
      payload: { ...el, synonyms: ['护照号', '证件号码'] },
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().errors[0].message).toContain('公民身份号码');
    const city = await t.call(tok['hrb.admin'], {
      method: 'POST',
      url: '/api/v1/catalog/data-elements',
      payload: { ...el, name: '港澳通行证号码', synonyms: [] },
    });
    expect(city.statusCode).toBe(403);
    // The new element binds items by its synonym straight away.
    const entry = await t.call(tok['gat.data'], {
      method: 'POST',
      url: '/api/v1/catalog/entries',
      payload: basicEntry({ items: [{ name: '护照号' }] }),
    });
    expect(entry.json().items[0]).toMatchObject({ code: 'HZHM', length: 9, dataElementId: res.json().id });
  });
});
