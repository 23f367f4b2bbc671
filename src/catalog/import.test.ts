import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { basicEntry } from './catalog.test-helpers.ts';
import { fillTemplate, multipart, ok, type Row } from './io.test-helpers.ts';

// Art. 13: a department compiles its catalog in bulk from the template — all rows or none, every
// error named by sheet, row and column, the rules of Art. 14/21/33 applied row by row.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestSystem;
const tok: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['gat.data', 'mzt.data', 'hrb.gaj.data']) tok[u] = await t.login(u);
  template = (await download()).rawPayload;
});
afterAll(() => t.close());

const download = () => t.call(tok['gat.data'], { method: 'GET', url: '/api/v1/catalog/import/template' });
const upload = (file: Buffer, who = 'gat.data', type = XLSX) =>
  t.call(tok[who], {
    method: 'POST',
    url: '/api/v1/catalog/import',
    payload: file,
    headers: { 'content-type': type },
  });
const entryCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('catalog_entry')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const ENTRY_A: Row = {
  序号: 1,
  目录名称: '户籍人口迁移信息',
  摘要: '户籍人口迁入迁出登记信息，用于政务服务。',
  分类码: '101002 户籍信息',
  目录分组: '基础库/人口',
  资源格式: '库表',
  更新频率: '每日',
  共享类型: '有条件共享',
  共享范围: '省内政务部门',
  共享用途: '办理户籍业务',
  开放类型: '不予开放',
  不予开放理由: '含公民个人信息',
};
const ITEMS_A: Row[] = [
  { 目录序号: 1, 数据项名称: '公民身份号码', 必填: '是' },
  { 目录序号: 1, 数据项名称: '姓名', 必填: '是' },
  { 目录序号: 1, 数据项名称: '迁入日期', 数据项代码: 'QRRQ', 数据类型: '日期型', 必填: '否', 分级: '一般' },
];
// Codes and bare names work as well as the dropdown labels; linked by name instead of 序号.
const ENTRY_B: Row = {
  序号: 2,
  目录名称: '企业登记基本信息',
  摘要: '企业设立登记的基本信息。',
  分类码: '102002',
  目录分组: '法人',
  资源格式: 'table',
  更新频率: 'monthly',
  共享类型: '无条件共享',
  开放类型: '无条件开放',
};
const ITEMS_B: Row[] = [
  { 目录名称: '企业登记基本信息', 数据项名称: '统一社会信用代码' },
  { 目录名称: '企业登记基本信息', 数据项名称: '企业名称' },
  { 目录名称: '企业登记基本信息', 数据项名称: '注册资本', 长度: 20 },
];

let template: Buffer;
const filled = (entries: Row[], items: Row[], keepDropdowns = false) =>
  fillTemplate(template, entries, items, keepDropdowns);

describe('importing a filled template (Art. 13)', () => {
  it('round trip: two entries become drafts of the importer’s agency, with their items', async () => {
    const before = await entryCount();
    const res = await upload(await filled([ENTRY_A, ENTRY_B], [...ITEMS_A, ...ITEMS_B], true));
    const body = ok(res, 201);
    expect(body.created).toHaveLength(2);
    expect(body.created[0]).toMatchObject({ row: 3, name: '户籍人口迁移信息' });
    expect(body.created[0].code).toMatch(/^101002-HLJ\.GAT-\d{5}$/);
    expect(body.created[1].code).toMatch(/^102002-HLJ\.GAT-\d{5}$/);
    expect(body.notices).toEqual(
      expect.arrayContaining([
        { row: 3, message: '数据项“公民身份号码”已按名称自动关联数据元“公民身份号码”（DE00001）' },
      ]),
    );
    expect(await entryCount()).toBe(before + 2);

    const a = ok(
      await t.call(tok['gat.data'], { method: 'GET', url: `/api/v1/catalog/entries/${body.created[0].id}` }),
    );
    expect(a).toMatchObject({
      status: 'draft',
      providerAgency: { name: '黑龙江省公安厅' },
      classificationCode: '101002',
      groupCode: 'base.population',
      formatCode: 'table',
      frequencyCode: 'daily',
      shareType: '有条件共享',
      shareConditions: { scope: '省内政务部门', purpose: '办理户籍业务' },
      openType: '不予开放',
      openReason: '含公民个人信息',
      grade: 'important',
    });
    expect(
      a.items.map((i: { code: string; dataType: string; required: boolean; grade: string }) => [
        i.code,
        i.dataType,
        i.required,
        i.grade,
      ]),
    ).toEqual([
      ['GMSFHM', 'string', true, 'important'],
      ['XM', 'string', true, 'general-2'],
      ['QRRQ', 'date', false, 'general'],
    ]);
    const b = ok(
      await t.call(tok['gat.data'], { method: 'GET', url: `/api/v1/catalog/entries/${body.created[1].id}` }),
    );
    expect(b).toMatchObject({
      groupCode: 'base.legal-person',
      frequencyCode: 'monthly',
      openType: '无条件开放',
    });
    expect(b.items).toHaveLength(3);
    expect(b.items[2]).toMatchObject({ name: '注册资本', length: 20 });

    const events = await t.ctx.db
      .selectFrom('ledger_event')
      .selectAll()
      .where('action', '=', 'catalog.import')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'gat.data' });
    expect(events[0].details).toMatchObject({
      entries: 2,
      items: 6,
      codes: body.created.map((c: { code: string }) => c.code),
    });
    const drafted = await t.ctx.db
      .selectFrom('ledger_event')
      .select('subject')
      .where('action', '=', 'catalog.entry.drafted')
      .where(
        'subject',
        'in',
        body.created.map((c: { code: string }) => `catalog-entry:${c.code}`),
      )
      .execute();
    expect(drafted).toHaveLength(2);
  });

  it('a browser’s multipart upload is accepted too; a city officer imports for its own agency', async () => {
    const m = multipart(
      await filled(
        [{ ...ENTRY_B, 目录名称: '企业年报信息' }],
        ITEMS_B.map((i) => ({ ...i, 目录名称: '企业年报信息' })),
      ),
      '目录.xlsx',
    );
    const res = await upload(m.body, 'hrb.gaj.data', m.contentType);
    const [created] = ok(res, 201).created;
    expect(created.code).toMatch(/^102002-HRB\.GAJ-\d{5}$/);
    const e = ok(
      await t.call(tok['hrb.gaj.data'], { method: 'GET', url: `/api/v1/catalog/entries/${created.id}` }),
    );
    expect(e.providerAgency.name).toBe('哈尔滨市公安局');
  });

  it('Art. 21: a conditional share without conditions is imported as unconditional, with a notice on its row', async () => {
    const res = await upload(await filled([{ ...ENTRY_A, 共享范围: '', 共享用途: '' }], ITEMS_A));
    const body = ok(res, 201);
    expect(body.notices).toContainEqual({
      row: 3,
      article: 'Art. 21',
      message: '未填写共享条件，依据第二十一条按无条件共享处理',
    });
  });
});

describe('a file with errors imports nothing', () => {
  it('one bad row among good ones → 422 listing sheet, row and column in Chinese; nothing saved', async () => {
    const before = await entryCount();
    const bad = { ...ENTRY_B, 序号: 3, 目录名称: '错误目录', 目录分组: '不存在的分组', 更新频率: '每小时' };
    const items = [
      ...ITEMS_A,
      ...ITEMS_B,
      { 目录序号: 3, 数据项名称: '企业名称', 长度: 'abc', 必填: '也许' },
      { 目录序号: 3, 数据项名称: '未定义的字段' },
      { 目录序号: 9, 数据项名称: '企业名称' },
      { 目录序号: 3, 数据项名称: '备注', 数据项代码: 'BZ', 数据类型: '文本', 分级: '一般' },
    ];
    const res = await upload(await filled([ENTRY_A, ENTRY_B, bad], items));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = res.json();
    expect(p.title).toBe('导入文件有错误，未导入任何目录');
    // Rows: 目录 — the example is row 2, then 3, 4, 5; 数据项 — examples 2–4, then 5 on, in order.
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { sheet: '目录', row: 5, column: '目录分组', message: '目录分组“不存在的分组”不存在或已停用' },
        { sheet: '目录', row: 5, column: '更新频率', message: '更新频率“每小时”不存在或已停用' },
        { sheet: '数据项', row: 11, column: '长度', message: '长度应为整数' },
        { sheet: '数据项', row: 11, column: '必填', message: '必填应填写“是”或“否”' },
        { sheet: '数据项', row: 12, column: '数据项代码', message: '请填写数据项代码' },
        { sheet: '数据项', row: 12, column: '数据类型', message: '请填写数据类型' },
        { sheet: '数据项', row: 13, column: '目录序号', message: '“目录”表中没有序号为“9”的目录' },
        {
          sheet: '数据项',
          row: 14,
          column: '数据类型',
          message: '数据类型“文本”应为 字符型、整数型、数值型、日期型、日期时间型、布尔型、二进制 之一',
        },
      ]),
    );
    // One message per cell, though the rules would refuse “文本” as well.
    expect(
      p.errors.filter((e: { row: number; sheet: string }) => e.sheet === '数据项' && e.row === 14),
    ).toHaveLength(1);
    // The good rows 3 and 4 and their items (5–10) are not blamed.
    for (const e of p.errors)
      expect(e.sheet === '目录' ? e.row : e.row >= 11).toBe(e.sheet === '目录' ? 5 : true);
    expect(await entryCount()).toBe(before);
  });

  it('Art. 21: 不予共享 without a legal basis is refused on its row, naming the article', async () => {
    const before = await entryCount();
    const res = await upload(
      await filled([ENTRY_A, { ...ENTRY_B, 共享类型: '不予共享' }], [...ITEMS_A, ...ITEMS_B]),
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([
      {
        sheet: '目录',
        row: 4,
        column: '不予共享依据',
        message: '不予共享须注明法律法规依据（第二十一条）',
        article: 'Art. 21',
      },
    ]);
    expect(await entryCount()).toBe(before);
  });

  it('Art. 33: conditional opening without conditions, and personal information opened without consent, are refused per row', async () => {
    const res = await upload(
      await filled(
        [
          { ...ENTRY_A, 开放类型: '有条件开放', 不予开放理由: '', 个人信息同意依据: '本人书面同意' },
          { ...ENTRY_B, 开放类型: '有条件开放' },
        ],
        [...ITEMS_A, ...ITEMS_B],
      ),
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([
      {
        sheet: '目录',
        row: 3,
        column: '开放条件',
        message: '有条件开放须注明开放条件（第三十三条）',
        article: 'Art. 33',
      },
      {
        sheet: '目录',
        row: 4,
        column: '开放条件',
        message: '有条件开放须注明开放条件（第三十三条）',
        article: 'Art. 33',
      },
    ]);
    const pi = await upload(
      await filled([{ ...ENTRY_A, 开放类型: '有条件开放', 开放条件: '经申请' }], ITEMS_A),
    );
    expect(pi.json().errors).toEqual([
      {
        sheet: '目录',
        row: 3,
        column: '个人信息同意依据',
        message: '含个人信息的数据开放须记录个人同意（第三十三条）',
        article: 'Art. 33',
      },
    ]);
  });

  it('Art. 13: an entry without data items is refused on its row', async () => {
    const res = await upload(await filled([ENTRY_A, ENTRY_B], ITEMS_A));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        sheet: '目录',
        row: 4,
        column: '',
        message: '该目录在“数据项”表中没有数据项（第十三条）',
        article: 'Art. 13',
      },
    ]);
  });

  it('a refusal found inside the transaction (a related entry one may not see) rolls the whole file back', async () => {
    const other = ok(
      await t.call(tok['mzt.data'], {
        method: 'POST',
        url: '/api/v1/catalog/entries',
        payload: basicEntry(),
      }),
      201,
    );
    const before = await entryCount();
    const res = await upload(
      await filled(
        [ENTRY_A, { ...ENTRY_B, 关联目录代码: `${other.code}、999999-NONE-00001` }],
        [...ITEMS_A, ...ITEMS_B],
      ),
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([
      { sheet: '目录', row: 4, column: '关联目录代码', message: '关联目录“999999-NONE-00001”不存在' },
    ]);
    const res2 = await upload(
      await filled([ENTRY_A, { ...ENTRY_B, 关联目录代码: other.code }], [...ITEMS_A, ...ITEMS_B]),
    );
    expect(res2.statusCode, res2.body).toBe(422);
    expect(res2.json().errors).toEqual([
      { sheet: '目录', row: 4, column: '关联目录代码', message: `关联目录“${other.code}”不存在或不可关联` },
    ]);
    expect(await entryCount()).toBe(before);
  });

  it('the template unchanged (only the example) has nothing to import', async () => {
    const res = await upload(template);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].message).toBe('文件中没有要导入的目录');
  });

  it('a missing sheet or required column is named', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('目录').addRow(['序号', '目录名称', '摘要']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { sheet: '数据项', row: 0, column: '', message: '缺少工作表“数据项”，请使用导入模板' },
    ]);
    wb.addWorksheet('数据项').addRow(['目录序号', '数据项名称']);
    const res2 = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res2.json().errors.map((e: { column: string }) => e.column)).toEqual([
      '分类码',
      '目录分组',
      '资源格式',
      '更新频率',
      '共享类型',
    ]);
  });

  it('more than 2000 entries in one file are refused', async () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({
      ...ENTRY_B,
      序号: i + 1,
      目录名称: `目录${i + 1}`,
    }));
    const res = await upload(await filled(many, []));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ title: '导入目录数超过上限' });
  });
});

describe('files that are not a workbook', () => {
  it('a non-xlsx, a corrupt zip, an empty body and a JSON body get clear Chinese errors', async () => {
    const csv = await upload(Buffer.from('目录名称,摘要\n户籍,信息\n'));
    expect(csv.statusCode).toBe(400);
    expect(csv.json()).toMatchObject({ title: '导入文件不是有效的 Excel（.xlsx）文件' });
    expect(csv.json().detail).toContain('.xlsx');
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const c = await upload(corrupt);
    expect(c.statusCode).toBe(400);
    expect(c.json().title).toBe('导入文件不是有效的 Excel（.xlsx）文件');
    const truncated = template.subarray(0, Math.floor(template.length / 2));
    expect((await upload(truncated)).statusCode).toBe(400);
    const json = await t.call(tok['gat.data'], {
      method: 'POST',
      url: '/api/v1/catalog/import',
      payload: {},
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().title).toBe('请上传 .xlsx 文件');
  });

  it('a file over 10 MB is refused before it is read', async () => {
    const res = await upload(Buffer.alloc(11 * 1024 * 1024, 1));
    expect(res.statusCode).toBe(413);
  });
});
