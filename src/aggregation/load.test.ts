import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { actorOf, csvSource, csvText, HEADER, people, publishEntry } from './aggregation.test-helpers.ts';
import { createDataset, type Dataset } from './datasets.ts';
import { runLoad } from './load.ts';
import { cancelLoad, confirmLoad } from './load-decisions.ts';
import { openXlsx } from './readers/index.ts';
import { readRecords } from './records.ts';

// Ch. 4 物理汇聚 (Art. 18, 19, 38, 41): loads in every format, versions and "as of", the guard on a
// cut-off full load, quality rejection, and encryption at rest with the blind index.

let h: Harness;
let ds: Dataset;
let codes: Record<string, string>;
const gat = () => actorOf(h, 'gat.data');
const full = { kind: 'full' as const, source: 'upload' };
const incremental = { kind: 'incremental' as const, source: 'upload' };
const read = (over: Parameters<typeof readRecords>[3] = {}) =>
  readRecords(h.t.ctx, gat(), ds.id, { limit: 1000, ...over });

beforeAll(async () => {
  h = await startHarness();
  await h.login('gat.data', 'mzt.data', 'sheng.reviewer');
  h.at('2026-03-02T10:00');
  ({ codes } = await publishEntry(h, 'gat.data', 'sheng.reviewer'));
  const entryId = (await h.t.ctx.db.selectFrom('catalog_entry').select('id').executeTakeFirstOrThrow()).id;
  ds = await createDataset(h.t.ctx, gat(), { entryId, keyItems: [codes.公民身份号码] });
});
afterAll(() => h.t.close());

describe('a dataset (Art. 18, 38)', () => {
  it('takes its columns from the entry; personal and 重要 items are stored encrypted', () => {
    const by = Object.fromEntries(ds.columns.map((c) => [c.itemName, c]));
    expect(by.公民身份号码.protected).toBe(true);
    expect(by.姓名.protected).toBe(true);
    expect(by.户籍地址.protected).toBe(true);
    expect(by.人口类型.protected).toBe(false);
    expect(by.公民身份号码.rules.map((r) => r.kind)).toContain('id_number');
  });

  it('is registered by the provider only', async () => {
    const entryId = ds.entryId;
    await expect(
      createDataset(h.t.ctx, actorOf(h, 'mzt.data'), { entryId, keyItems: [] }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('loads (Art. 18)', () => {
  it('loads a UTF-8 CSV in full; the ID numbers are not in the database in clear, and are found by the blind index', async () => {
    h.at('2026-03-03T10:00');
    const rows = people(12);
    const r = await runLoad(h.t.ctx, gat(), ds.id, csvSource(csvText(rows)), full);
    expect(r).toMatchObject({
      status: 'committed',
      rowsRead: 12,
      rowsAccepted: 12,
      rowsAdded: 12,
      rowsRejected: 0,
    });
    const stored = await sql<{ n: number }>`select count(*)::int as n from agg_record
      where position(${rows[0][0]} in data::text || encode(coalesce(secret, ''), 'escape')) > 0
        or position(${rows[0][1]} in data::text || encode(coalesce(secret, ''), 'escape')) > 0`.execute(
      h.t.ctx.db,
    );
    expect(stored.rows[0].n).toBe(0);
    const hit = await read({ key: { [codes.公民身份号码]: rows[3][0] }, clear: true });
    expect(hit.items).toHaveLength(1);
    expect(hit.items[0][codes.姓名]).toBe(rows[3][1]);
    // Masked by default (Art. 33).
    const masked = (await read()).items.find(
      (i) => i[codes.人口类型] === rows[3][3] && i[codes.迁入日期] === rows[3][4],
    );
    expect(masked?.[codes.公民身份号码]).toMatch(/^230103\*{8}/);
  });

  it('loads a GBK CSV and an XLSX file, keeping what did not change', async () => {
    h.at('2026-03-04T10:00');
    const rows = people(12);
    rows[0][3] = '寄住人口';
    let r = await runLoad(h.t.ctx, gat(), ds.id, csvSource(csvText(rows), 'gbk'), incremental);
    expect(r).toMatchObject({
      status: 'committed',
      rowsRead: 12,
      rowsChanged: 1,
      rowsUnchanged: 11,
      rowsAdded: 0,
    });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('户籍');
    sheet.addRow(HEADER);
    for (const row of people(3, 12)) sheet.addRow(row);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    h.at('2026-03-05T10:00');
    r = await runLoad(h.t.ctx, gat(), ds.id, openXlsx(Readable.from([buffer])), incremental);
    expect(r).toMatchObject({ status: 'committed', rowsRead: 3, rowsAdded: 3 });
    expect((await read()).items).toHaveLength(15);
  });

  it('reads the dataset as it was before an incremental load (Art. 41)', async () => {
    const before = await read({ asOf: new Date('2026-03-03T12:00:00+08:00'), clear: true });
    const now = await read({ clear: true });
    const first = people(1)[0];
    const type = (items: Record<string, string | null>[]) =>
      items.find((i) => i[codes.公民身份号码] === first[0])?.[codes.人口类型];
    expect(before.items).toHaveLength(12);
    expect(type(before.items)).toBe(first[3]);
    expect(type(now.items)).toBe('寄住人口');
  });

  it('holds a cut-off full load that would close more than 20 % until the provider confirms (Art. 18)', async () => {
    h.at('2026-03-06T10:00');
    const r = await runLoad(h.t.ctx, gat(), ds.id, csvSource(csvText(people(3))), full);
    expect(r).toMatchObject({ status: 'awaiting_confirmation', closing: { count: 12, of: 15 } });
    expect((await read()).items).toHaveLength(15);
    // Another load waits for the decision.
    await expect(runLoad(h.t.ctx, gat(), ds.id, csvSource(csvText(people(3))), full)).rejects.toMatchObject({
      status: 409,
    });
    await cancelLoad(h.t.ctx, gat(), ds.id, r.loadId);
    expect((await read()).items).toHaveLength(15);
    const cancelled = await h.t.ctx.db
      .selectFrom('agg_load')
      .select('status')
      .where('id', '=', r.loadId)
      .executeTakeFirstOrThrow();
    expect(cancelled.status).toBe('cancelled');
    const again = await runLoad(h.t.ctx, gat(), ds.id, csvSource(csvText(people(3))), full);
    expect(again.status).toBe('awaiting_confirmation');
    h.at('2026-03-06T11:00');
    await confirmLoad(h.t.ctx, gat(), ds.id, again.loadId);
    expect((await read()).items).toHaveLength(3);
    expect((await read({ asOf: new Date('2026-03-06T10:30:00+08:00') })).items).toHaveLength(15);
  });
});

describe('quality (Art. 19)', () => {
  it('rejects rows that fail a rule, with the row number and reason, and keeps the rest', async () => {
    h.at('2026-03-09T10:00');
    const rows = people(30, 100);
    rows[4][0] = `${rows[4][0].slice(0, 17)}${rows[4][0][17] === '0' ? '1' : '0'}`; // wrong check digit
    const r = await runLoad(h.t.ctx, gat(), ds.id, csvSource(csvText(rows)), incremental);
    expect(r).toMatchObject({ status: 'committed', rowsRead: 30, rowsRejected: 1, rowsAdded: 29 });
    const rejected = await h.t.ctx.db
      .selectFrom('agg_rejected_row')
      .selectAll()
      .where('load_id', '=', r.loadId)
      .execute();
    expect(rejected).toHaveLength(1);
    expect(rejected[0].row_number).toBe(6); // the header is row 1
    expect(rejected[0].reason).toContain('公民身份号码');
  });

  it('rejects a whole load above the error-rate threshold; nothing of it is kept', async () => {
    h.at('2026-03-10T10:00');
    const rows = people(10, 200);
    for (const r of rows.slice(0, 3)) r[0] = r[0].slice(0, 17) + (r[0][17] === '0' ? '1' : '0');
    const before = (await read()).items.length;
    const r = await runLoad(h.t.ctx, gat(), ds.id, csvSource(csvText(rows)), incremental);
    expect(r.status).toBe('rejected');
    expect((await read()).items).toHaveLength(before);
  });
});

describe('intelligent identification on upload (Art. 11)', () => {
  it('messages the provider and its authority when content contradicts the catalog, and keeps the findings', async () => {
    h.at('2026-03-11T10:00');
    // 人口类型 (declared plain text, 一般) filled with ID numbers, and an extra column of phone numbers.
    const rows = people(40, 300).map((r, k) => [
      ...r.slice(0, 3),
      r[0],
      r[4],
      `1380013${String(k).padStart(4, '0')}`,
    ]);
    const header = [...HEADER, '联系电话'];
    const r = await runLoad(h.t.ctx, gat(), ds.id, csvSource(csvText(rows, header)), incremental);
    const found = (r.report as { identification: { column: string; messages: string[] }[] }).identification;
    expect(found.map((f) => f.column).sort()).toEqual(['人口类型', '联系电话']);
    expect(found.find((f) => f.column === '联系电话')?.messages[0]).toContain('没有对应的数据项');
    for (const user of ['gat.data', 'sheng.reviewer']) {
      const inbox = ok(await h.get(user, '/api/v1/messages'));
      const m = inbox.items.find((x: { title: string }) => x.title.includes('与目录登记不符'));
      expect(m?.body, user).toContain('人口类型');
    }
  });
});

describe('integrity (Art. 38, 41)', () => {
  it('the database refuses to change or remove a committed record (Art. 41)', async () => {
    await expect(sql`update agg_record set tombstone = true`.execute(h.t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from agg_record`.execute(h.t.ctx.db)).rejects.toThrow(/cannot be deleted/);
    // Nor a load: its records point at it.
    await expect(sql`delete from agg_load`.execute(h.t.ctx.db)).rejects.toThrow(/never deleted/);
  });

  it('a record changed behind the guard fails its check when read', async () => {
    // One bit of every stored ciphertext flipped, as by someone able to switch the trigger off.
    await sql`alter table agg_record disable trigger agg_record_guard`.execute(h.t.ctx.db);
    await sql`update agg_record set secret = set_byte(secret, 20, get_byte(secret, 20) # 1)
      where secret is not null`.execute(h.t.ctx.db);
    await sql`alter table agg_record enable trigger agg_record_guard`.execute(h.t.ctx.db);
    await expect(read({ limit: 1000 })).rejects.toMatchObject({ code: 'records-integrity' });
  });
});
