import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSystem, openDemoSystem } from '../../test/helpers/demo-system.ts';
import type { Actor } from '../kernel/context.ts';
import { verifyLedger } from '../kernel/ledger/verify.ts';
import type { System } from '../system.ts';
import {
  type AggregationDemoResult,
  type DemoDataset,
  demoDatasets,
  intended,
  loadAggregationDemo,
} from './demo.ts';
import { demoFile } from './demo-gbk.ts';
import { detectEncoding } from './readers/index.ts';
import { readRecords } from './records.ts';

// The demo datasets on a fresh start: openSystem loads the province, the orders, the catalog and then
// the datasets, at the clock's time (Friday 2026-11-27, 10:00 Beijing), through the readers, the
// loader and the reconciliation job's function only. The generator says what each load should
// answer (demo.ts `intended`); the database must agree.

const TODAY = '2026-11-27';
let sys: System;
let app: FastifyInstance;
let demo: DemoSystem;
let loaded: AggregationDemoResult;
const plans = demoDatasets(TODAY);
const plan = (entry: string) => plans.find((p) => p.entry === entry)!;
let token: Record<string, string> = {};
const USERS = ['sheng.reviewer', 'dq.admin', 'gat.data', 'mzt.data', 'rst.data'];

beforeAll(async () => {
  demo = await openDemoSystem('aggdemo', USERS);
  ({ sys, app, token } = demo);
  // The log tells how long the datasets took to load (printed, not asserted).
  const before = demo.lines.find((l) => l.msg === 'demo catalog loaded')!;
  const done = demo.lines.find((l) => l.msg === 'demo datasets loaded')!;
  loaded = done.aggregation as AggregationDemoResult;
  console.log(`demo datasets loaded in ${done.time - before.time} ms:`, JSON.stringify(loaded));
}, 180_000);
afterAll(() => demo?.close());

const get = async (user: string, url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token[user]}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** The dataset of a plan: id, and its provider's agency. */
const dataset = async (p: DemoDataset) =>
  sys.ctx.db
    .selectFrom('agg_dataset as d')
    .innerJoin('agency as a', 'a.id', 'd.provider_agency_id')
    .select(['d.id', 'd.provider_agency_id', 'a.code', 'a.level', 'a.kind'])
    .where('d.name', '=', p.entry)
    .executeTakeFirstOrThrow();

const loadsOf = async (id: number) =>
  sys.ctx.db.selectFrom('agg_load').selectAll().where('dataset_id', '=', id).orderBy('id').execute();

/** The provider's data officer, as the demo acts for it. */
const officerOf = (d: Awaited<ReturnType<typeof dataset>>, username: string): Actor => ({
  accountId: null,
  username,
  agencyId: d.provider_agency_id,
  agencyLevel: d.level,
  agencyKind: d.kind,
  roles: ['data_officer'],
});

/** Every record of a dataset now (or as of an instant), paging 1,000 at a time. */
async function allRecords(actor: Actor, id: number, asOf?: Date) {
  const out: Record<string, string | null>[] = [];
  let after: string | undefined;
  do {
    const page = await readRecords(sys.ctx, actor, id, { asOf, after, limit: 1000, clear: true });
    out.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return out;
}

describe('the demo datasets (Art. 18–19)', () => {
  it('registers a dataset for each demo entry, with its provider, and reports the counts', async () => {
    const expected = plans.map((p) => intended(p));
    expect(loaded).toEqual({
      datasets: 5,
      loads: plans.reduce((n, p) => n + p.loads.length, 0),
      rows: expected.reduce((n, e) => n + e.rows, 0),
      rejectedRows: expected.reduce((n, e) => n + e.loads.reduce((m, l) => m + l.rejected, 0), 0),
      reconciliations: 20,
    });
    for (const p of plans) expect((await dataset(p)).code, p.entry).toBe(p.agency);
    // 人口 and 法人 base libraries, a theme library, a city department's own entry.
    const groups = await sys.ctx.db
      .selectFrom('agg_dataset as d')
      .innerJoin('catalog_entry as e', 'e.id', 'd.entry_id')
      .innerJoin('catalog_entry_version as v', (j) =>
        j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'd.entry_version'),
      )
      .select(['d.name', 'v.group_code', 'e.provider_level'])
      .orderBy('d.name')
      .execute();
    expect(groups.map((g) => [g.name, g.group_code, g.provider_level]).sort()).toEqual(
      [
        ['企业登记信息', 'base.legal-person', 'province'],
        ['大庆市机动车登记信息', 'department', 'city'],
        ['户籍人口基本信息', 'base.population', 'province'],
        ['最低生活保障对象信息', 'theme.social-security', 'province'],
        ['职业技能等级证书信息', 'base.license', 'province'],
      ].sort(),
    );
    // The console lists them for the provider and its reviewing authority.
    const mine = await get('gat.data', '/api/v1/aggregation/datasets');
    expect(mine.items.map((d: { name: string }) => d.name)).toEqual(['户籍人口基本信息']);
    const reviewed = await get('sheng.reviewer', '/api/v1/aggregation/datasets');
    expect(reviewed.items).toHaveLength(4);
    expect((await get('dq.admin', '/api/v1/aggregation/datasets')).items).toMatchObject([
      { name: '大庆市机动车登记信息' },
    ]);
  });

  it('answered every load as the generator intended: added, changed, unchanged, closed, rejected', async () => {
    for (const p of plans) {
      const final = { committed: 'committed', rejected: 'rejected' } as Record<string, string>;
      const want = intended(p).loads.map((e, i) => ({
        status: final[e.status] ?? (p.loads[i].decision?.confirm ? 'committed' : 'cancelled'),
        read: e.read,
        rejected: e.rejected,
        added: e.added,
        changed: e.changed,
        unchanged: e.unchanged,
        closed: e.closed,
      }));
      const got = (await loadsOf((await dataset(p)).id)).map((l) => ({
        status: l.status,
        read: l.rows_read,
        rejected: l.rows_rejected,
        added: l.rows_added,
        changed: l.rows_changed,
        unchanged: l.rows_unchanged,
        closed: l.rows_closed,
      }));
      expect(got, p.entry).toEqual(want);
    }
  });

  it('read a GBK CSV: the file is not UTF-8, and the names come back as written', async () => {
    const p = plan('户籍人口基本信息');
    const d = await dataset(p);
    const loads = await loadsOf(d.id);
    expect(loads.every((l) => l.file_name?.endsWith('.csv'))).toBe(true);
    expect(loads[0]).toMatchObject({ status: 'committed', file_name: '户籍人口基本信息_20261106_全量.csv' });
    const columns = p.header.map((name) => ({ name, code: name, dataType: 'string' }));
    const bytes = await demoFile(
      'csv-gbk',
      columns,
      p.loads[0].rows.map((r) => r.cells),
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(detectEncoding(bytes, true).encoding).toBe('gb18030');
    expect(Number(loads[0].bytes_total)).toBe(bytes.length);
    // A person of the first file, read back by the blind index.
    const person = p.loads[0].rows.find((r) => !r.bad && r.cells[1].length === 3)!.cells;
    const gat = officerOf(d, 'gat.data');
    const ds = await sys.ctx.db
      .selectFrom('agg_column')
      .select(['item_name', 'item_code'])
      .where('dataset_id', '=', d.id)
      .execute();
    const code = (name: string) => ds.find((c) => c.item_name === name)!.item_code;
    const hit = await readRecords(sys.ctx, gat, d.id, {
      key: { [code('公民身份号码')]: person[0] },
      clear: true,
    });
    expect(hit.items).toHaveLength(1);
    expect(hit.items[0][code('姓名')]).toBe(person[1]);
    expect(hit.items[0][code('民族')]).toBe(person[3]);
  });

  it('read Excel workbooks: dates from date cells and amounts from numbers', async () => {
    const p = plan('企业登记信息');
    const d = await dataset(p);
    const loads = await loadsOf(d.id);
    expect(loads.map((l) => [l.status, l.file_name?.slice(-5)])).toEqual(
      loads.map(() => ['committed', '.xlsx']),
    );
    const records = await allRecords(officerOf(d, 'demo'), d.id);
    const cols = await sys.ctx.db
      .selectFrom('agg_column')
      .select(['item_name', 'item_code'])
      .where('dataset_id', '=', d.id)
      .orderBy('position')
      .execute();
    const company = p.loads[0].rows.find((r) => !r.bad)!.cells;
    const stored = records.find((r) => r[cols[0].item_code] === company[0]);
    // The first file's row, unless a later change reached it.
    const latest = p.loads
      .flatMap((l) => l.rows)
      .filter((r) => !r.bad && r.cells[0] === company[0])
      .at(-1)!.cells;
    expect(cols.map((c) => stored?.[c.item_code])).toEqual(latest);
  });

  it('rejected rows with the reason in Chinese: bad ID numbers, USCCs and phone numbers (Art. 19)', async () => {
    const reasons = async (entry: string) => {
      const d = await dataset(plan(entry));
      const rows = await sys.ctx.db
        .selectFrom('agg_rejected_row as r')
        .innerJoin('agg_load as l', 'l.id', 'r.load_id')
        .select('r.reason')
        .where('l.dataset_id', '=', d.id)
        .execute();
      return rows.map((r) => r.reason);
    };
    const census = await reasons('户籍人口基本信息');
    expect(census.length).toBe(intended(plan('户籍人口基本信息')).loads.reduce((n, l) => n + l.rejected, 0));
    expect(census.every((r) => /^第1列「公民身份号码」：(校验位错误|出生日期无效)$/.test(r))).toBe(true);
    expect(new Set(census).size).toBe(2);
    const companies = await reasons('企业登记信息');
    expect(companies.length).toBeGreaterThan(10);
    expect(companies.every((r) => r.startsWith('第1列「统一社会信用代码」：'))).toBe(true);
    const assistance = await reasons('最低生活保障对象信息');
    expect(assistance.some((r) => r.startsWith('第7列「联系电话」：'))).toBe(true);
    expect(assistance.some((r) => r.startsWith('第1列「公民身份号码」：'))).toBe(true);
  });

  it('withdrew a cut-off file, confirmed a large closure and rejected a load above the threshold', async () => {
    const statuses = async (entry: string) =>
      (await loadsOf((await dataset(plan(entry))).id)).map((l) => l.status);
    expect(await statuses('户籍人口基本信息')).toEqual([
      'committed',
      'committed',
      'cancelled',
      'committed',
      'committed',
      'committed',
    ]);
    expect(await statuses('大庆市机动车登记信息')).toEqual([
      'committed',
      'committed',
      'committed',
      'committed',
      'committed',
    ]);
    const assistance = await loadsOf((await dataset(plan('最低生活保障对象信息'))).id);
    expect(assistance[2]).toMatchObject({ status: 'rejected', rows_read: 220, rows_rejected: 26 });
    expect(assistance[2].error).toMatch(/^错误率 11\.82% 超过阈值 5\.00%$/);
    const actions = await sys.ctx.db
      .selectFrom('ledger_event')
      .select(['action', 'actor', 'details'])
      .where('action', 'in', ['aggregation.load.hold', 'aggregation.load.cancel', 'aggregation.load.reject'])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => [a.action, a.actor])).toEqual([
      ['aggregation.load.hold', 'gat.data'],
      ['aggregation.load.cancel', 'gat.data'],
      ['aggregation.load.reject', 'mzt.data'],
      ['aggregation.load.hold', 'demo'],
    ]);
    // Before the complete file the register read as it was; after it, as the generator left it.
    const p = plan('户籍人口基本信息');
    const d = await dataset(p);
    const gat = officerOf(d, 'gat.data');
    const before = await allRecords(gat, d.id, new Date('2026-11-20T10:20:00+08:00'));
    expect(before).toHaveLength(intended({ ...p, loads: p.loads.slice(0, 2) }).rows);
    expect(await allRecords(gat, d.id)).toHaveLength(intended(p).rows);
  });

  it('holds as many current records as the generator intended', async () => {
    const today = await sys.ctx.db
      .selectFrom('agg_reconciliation')
      .select(['dataset_id', 'current_rows'])
      .where('day', '=', TODAY)
      .execute();
    for (const p of plans) {
      const d = await dataset(p);
      expect(today.find((r) => r.dataset_id === d.id)?.current_rows, p.entry).toBe(intended(p).rows);
    }
    const vehicles = await dataset(plan('大庆市机动车登记信息'));
    expect(await allRecords(officerOf(vehicles, 'demo'), vehicles.id)).toHaveLength(
      intended(plan('大庆市机动车登记信息')).rows,
    );
  });

  it('reconciled the last days: the weekly dataset is late, the struck-off register flagged (Art. 19)', async () => {
    const late = await dataset(plan('职业技能等级证书信息'));
    const reports = (await get('rst.data', `/api/v1/aggregation/datasets/${late.id}/reconciliation`)).items;
    expect(reports.map((r: { day: string; late: boolean }) => [r.day, r.late])).toEqual([
      ['2026-11-27', true],
      ['2026-11-26', true],
      ['2026-11-25', true],
      ['2026-11-24', true],
    ]);
    // Weekly, last loaded on 11-12: due by the end of 11-19.
    expect(reports[0].dueAt).toBe('2026-11-19T15:59:59.999Z');
    const rows = await sys.ctx.db
      .selectFrom('agg_reconciliation')
      .select(['dataset_id', 'day', 'late', 'change_flagged'])
      .orderBy('day')
      .execute();
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => r.late).map((r) => r.dataset_id)).toEqual([late.id, late.id, late.id, late.id]);
    const vehicles = await dataset(plan('大庆市机动车登记信息'));
    expect(rows.filter((r) => r.change_flagged).map((r) => [r.dataset_id, r.day])).toEqual([
      [vehicles.id, '2026-11-25'],
    ]);
    const inbox = await get('rst.data', '/api/v1/messages?category=warning');
    const warned = inbox.items.filter((m: { title: string }) => m.title === '数据对账异常');
    expect(warned).toHaveLength(4);
    expect(warned[0].body).toContain('已超过更新频率（更新频率为每周');
  });

  it('loads only once, and leaves the ledger intact', async () => {
    const count = async () =>
      Number(
        (
          await sys.ctx.db
            .selectFrom('ledger_event')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const events = await count();
    expect(await loadAggregationDemo(sys.ctx)).toBeNull();
    expect(await count()).toBe(events);
    expect(await verifyLedger(sys.ctx)).toMatchObject({ ok: true });
  });
});
