import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { basicEntry, plainItems } from './catalog.test-helpers.ts';
import { ok, parseCsv, publishEntry, sheetRows, workbookOf } from './io.test-helpers.ts';

// Art. 11, 12: every government user may take the full published catalog (current versions) as CSV
// or Excel; drafts and versions still under review stay out; each export is ledgered.

let t: TestSystem;
const tok: Record<string, string> = {};
let e1: { id: number; code: string };
let e2: { id: number; code: string };
let draft: { id: number; code: string };
let mzt: number;
const SUMMARY = '=1+1，含"引号"和,逗号\n第二行';
const LEGAL_BASIS = '《社会救助暂行办法》第六十六条';

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['gat.data', 'mzt.data', 'sheng.reviewer', 'hrb.admin', 'gat.user', 'public.demo'])
    tok[u] = await t.login(u);
  e1 = await publishEntry(t, tok, 'gat.data', basicEntry({ summary: SUMMARY }));
  e2 = await publishEntry(t, tok, 'mzt.data', {
    ...basicEntry(),
    name: '社会救助对象信息',
    classificationCode: '203002',
    groupCode: 'theme.social-security',
    frequencyCode: 'monthly',
    shareType: '不予共享',
    shareConditions: null,
    shareLegalBasis: LEGAL_BASIS,
    openType: '无条件开放',
    openReason: null,
    relatedEntryIds: [e1.id],
    items: plainItems,
  });
  // A new version of e1 under edit: the export keeps showing the published one.
  ok(
    await t.call(tok['gat.data'], { method: 'POST', url: `/api/v1/catalog/entries/${e1.id}/versions` }),
    201,
  );
  ok(
    await t.call(tok['gat.data'], {
      method: 'PUT',
      url: `/api/v1/catalog/entries/${e1.id}`,
      payload: basicEntry({ name: '户籍人口基本信息（修订中）', summary: SUMMARY }),
    }),
  );
  draft = ok(
    await t.call(tok['gat.data'], {
      method: 'POST',
      url: '/api/v1/catalog/entries',
      payload: basicEntry({ name: '尚未发布的目录' }),
    }),
    201,
  );
  mzt = ok(await t.call(tok['mzt.data'], { method: 'GET', url: `/api/v1/catalog/entries/${e2.id}` }))
    .providerAgency.id;
});
afterAll(() => t.close());

const exportAs = (who: string | null, query: string) =>
  t.call(who ? tok[who] : null, { method: 'GET', url: `/api/v1/catalog/export?${query}` });

function csvOf(body: Buffer): string[][] {
  // UTF-8 with a BOM, so Excel reads the Chinese text correctly.
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(body.subarray(3).toString('utf8'));
}

describe('exporting the published catalog (Art. 11, 12)', () => {
  it('CSV: UTF-8 with BOM, RFC 4180 quoting, Chinese headers; published current versions only', async () => {
    const res = await exportAs('hrb.admin', 'format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="catalog-2026-01-05.csv"; filename*=UTF-8''${encodeURIComponent('政务数据目录-2026-01-05.csv')}`,
    );
    const rows = csvOf(res.rawPayload);
    expect(rows[0]).toEqual([
      '目录代码',
      '目录名称',
      '摘要',
      '提供部门',
      '层级',
      '行政区划代码',
      '分类码',
      '分类名称',
      '目录分组',
      '资源格式',
      '更新频率',
      '共享类型',
      '共享范围',
      '共享用途',
      '不予共享依据',
      '开放类型',
      '开放条件',
      '不予开放理由',
      '个人信息同意依据',
      '分级',
      '版本',
      '发布日期',
      '关联目录代码',
      '数据项',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([e1.code, e2.code]);
    expect(res.headers['x-total-count']).toBe('2');
    const [, a, b] = rows;
    // A leading "=" is neutralised; quotes, commas and the line break survive the quoting.
    expect(a.slice(0, 12)).toEqual([
      e1.code,
      '户籍人口基本信息',
      `'${SUMMARY}`,
      '黑龙江省公安厅',
      '省级',
      '230000',
      '101001',
      '人口基本信息',
      '基础库/人口',
      '库表',
      '每日',
      '有条件共享',
    ]);
    expect(a[19]).toBe('重要');
    expect(a[20]).toBe('1');
    expect(a[21]).toBe('2026-01-05');
    expect(a[23]).toBe('公民身份号码(GMSFHM)、姓名(XM)、户籍地址(HJDZ)、迁入日期(QRRQ)');
    expect(b[1]).toBe('社会救助对象信息');
    expect(b[8]).toBe('主题库/社会保障');
    expect(b[14]).toBe(LEGAL_BASIS);
    expect(b[22]).toBe(e1.code);
    expect(res.body).not.toContain('修订中');
    expect(res.body).not.toContain(draft.code);
  });

  it('XLSX: a sheet of entries and a sheet of items, for any government user', async () => {
    const res = await exportAs('gat.user', 'format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('政务数据目录-2026-01-05.xlsx'));
    const wb = await workbookOf(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['目录', '数据项']);
    const entries = sheetRows(wb.getWorksheet('目录')!);
    expect(entries.slice(1).map((r) => r[0])).toEqual([e1.code, e2.code]);
    expect(entries[1][2]).toBe(SUMMARY);
    const items = sheetRows(wb.getWorksheet('数据项')!);
    expect(items[0]).toEqual([
      '目录代码',
      '目录名称',
      '序号',
      '数据项名称',
      '数据项代码',
      '数据类型',
      '长度',
      '必填',
      '个人信息类型',
      '分级',
      '数据元标识符',
    ]);
    expect(items.filter((r) => r[0] === e1.code)).toHaveLength(4);
    expect(items[1]).toEqual([
      e1.code,
      '户籍人口基本信息',
      '1',
      '公民身份号码',
      'GMSFHM',
      '字符型',
      '18',
      '否',
      '身份证件号码',
      '重要',
      'DE00001',
    ]);
    expect(items.filter((r) => r[0] === e2.code)).toHaveLength(3);
  });

  it('filters by provider and by group (with its sub-groups)', async () => {
    const byProvider = csvOf((await exportAs('gat.data', `format=csv&providerAgencyId=${mzt}`)).rawPayload);
    expect(byProvider.slice(1).map((r) => r[0])).toEqual([e2.code]);
    const byGroup = csvOf((await exportAs('gat.data', 'format=csv&groupCode=base')).rawPayload);
    expect(byGroup.slice(1).map((r) => r[0])).toEqual([e1.code]);
  });

  it('every export is ledgered: who, which format, how many rows', async () => {
    const events = await t.ctx.db
      .selectFrom('ledger_event')
      .selectAll()
      .where('action', '=', 'catalog.export')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.actor, (e.details as { format: string }).format])).toEqual([
      ['hrb.admin', 'csv'],
      ['gat.user', 'xlsx'],
      ['gat.data', 'csv'],
      ['gat.data', 'csv'],
    ]);
    expect(events[0].details).toMatchObject({ entries: 2, items: 7 });
    expect(events[2].details).toMatchObject({ entries: 1, filter: { providerAgencyId: mzt } });
  });

  it('is refused to the public (403) and to the anonymous (401)', async () => {
    expect((await exportAs('public.demo', 'format=csv')).statusCode).toBe(403);
    expect((await exportAs(null, 'format=csv')).statusCode).toBe(401);
    expect((await exportAs('gat.data', 'format=pdf')).statusCode).toBe(400);
  });
});

describe('a large catalog', () => {
  it('is paged through the database: 1,200 more published entries all arrive once, in both formats', async () => {
    const v = await t.ctx.db
      .selectFrom('catalog_entry_version')
      .select('id')
      .where('entry_id', '=', e2.id)
      .executeTakeFirstOrThrow();
    await sql`
      with ins as (
        insert into catalog_entry (code, provider_agency_id, provider_level, provider_region_code,
          classification_code, status, current_version, latest_version, first_submitted_at, created_at, created_by)
        select e.code || '-B' || lpad(g::text, 4, '0'), e.provider_agency_id, e.provider_level,
          e.provider_region_code, e.classification_code, 'published', 1, 1, e.first_submitted_at,
          e.created_at, e.created_by
        from catalog_entry e, generate_series(1, 1200) g where e.id = ${e2.id}
        returning id)
      insert into catalog_entry_version (entry_id, version, status, name, summary, group_code, format_code,
        frequency_code, share_type, share_scope, share_purpose, share_legal_basis, open_type,
        open_conditions, open_reason, pi_consent_basis, grade_code, publish_date, created_at, updated_at, updated_by)
      select ins.id, 1, 'published', v.name, v.summary, v.group_code, v.format_code, v.frequency_code,
        v.share_type, v.share_scope, v.share_purpose, v.share_legal_basis, v.open_type, v.open_conditions,
        v.open_reason, v.pi_consent_basis, v.grade_code, v.publish_date, v.created_at, v.updated_at, v.updated_by
      from ins, catalog_entry_version v where v.id = ${v.id}`.execute(t.ctx.db);
    await sql`
      insert into catalog_data_item (version_id, position, name, code, data_type, length, required, pi_kind,
        grade_code, data_element_id, auto_bound)
      select nv.id, i.position, i.name, i.code, i.data_type, i.length, i.required, i.pi_kind, i.grade_code,
        i.data_element_id, i.auto_bound
      from catalog_entry_version nv join catalog_entry e on e.id = nv.entry_id, catalog_data_item i
      where e.code like ${`${e2.code}-B%`} and i.version_id = ${v.id}`.execute(t.ctx.db);

    const rows = csvOf((await exportAs('gat.data', 'format=csv')).rawPayload).slice(1);
    expect(rows).toHaveLength(1202);
    expect(new Set(rows.map((r) => r[0])).size).toBe(1202);
    const wb = await workbookOf((await exportAs('gat.data', 'format=xlsx')).rawPayload);
    expect(wb.getWorksheet('目录')!.actualRowCount).toBe(1203);
    expect(wb.getWorksheet('数据项')!.actualRowCount).toBe(1 + 4 + 3 * 1201);
  });
});
