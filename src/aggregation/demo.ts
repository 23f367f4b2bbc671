// The aggregation demo, so a fresh console shows data arriving (Art. 18–19): five departments —
// 人口 and 法人 base libraries, a theme library, a city department's own data, one weekly dataset
// left late — registered datasets for their published entries weeks ago and loaded generated files
// (a GBK CSV, an Excel workbook, JSON, UTF-8 CSVs) through the real readers and the loader, each step
// at its own time in the past (a copy of ctx whose clock is set step by step, as the catalog demo
// does). Some rows fail the quality rules, one load is rejected by the error-rate threshold, a cut-off
// file is withdrawn, a large closure confirmed; then the daily reconciliation of the last days runs.
import { listAgencies } from '../agencies/agencies.ts';
import { DEMO_ACCOUNT_SPECS } from '../agencies/demo-data.ts';
import { viewEntry } from '../catalog/entries.ts';
import { searchEntries } from '../catalog/search.ts';
import { addDays, beijingDateOf, type IsoDate } from '../kernel/calendar/index.ts';
import type { Actor, Ctx } from '../kernel/context.ts';
import { createDataset, type Dataset } from './datasets.ts';
import {
  allowanceRise,
  certificate,
  company,
  companyChange,
  phoneCut,
  type Row,
  recipient,
  recipientChange,
  resident,
  residentChange,
  Source,
  transfer,
  vehicle,
  withBadId,
  withBadUscc,
} from './demo-data.ts';
import { type DemoFormat, demoFile, openDemoFile } from './demo-gbk.ts';
import { runLoad } from './load.ts';
import { cancelLoad, confirmLoad } from './load-decisions.ts';
import { reconcileAll } from './reconciliation.ts';

export interface FileRow {
  cells: Row;
  /** A row the quality rules reject. */
  bad?: boolean;
}

export type When = { daysAgo: number; time: string } | { minutesAgo: number };

export interface DemoLoad {
  at: When;
  kind: 'full' | 'incremental';
  rows: FileRow[];
  /** A full load the close guard holds: the provider confirms it, or withdraws it, at `at`. */
  decision?: { at: When; confirm: boolean };
}

export interface DemoDataset {
  agency: string;
  entry: string;
  /** The file's columns: the entry's item names. */
  header: string[];
  keyItem: string;
  format: DemoFormat;
  created: When;
  loads: DemoLoad[];
}

const at = (daysAgo: number, time: string): When => ({ daysAgo, time });

/** A dataset: its file's columns are the entry's items (`header`, space-separated), the first the key. */
const dataset = (
  agency: string,
  entry: string,
  format: DemoFormat,
  created: When,
  header: string,
  loads: DemoLoad[],
) => {
  const items = header.split(' ');
  return { agency, entry, header: items, keyItem: items[0], format, created, loads };
};

/** A dataset's history: its loads, each file the good rows with the bad ones placed at random. */
function history(s: Source, today: IsoDate) {
  const loads: DemoLoad[] = [];
  const day = (n: number) => addDays(today, -n);
  const load = (
    when: When,
    kind: DemoLoad['kind'],
    good: Row[],
    bad: Row[] = [],
    decision?: DemoLoad['decision'],
  ) => {
    const rows: FileRow[] = good.map((cells) => ({ cells }));
    for (const cells of bad) rows.splice(s.r.int(rows.length + 1), 0, { cells, bad: true });
    loads.push({ at: when, kind, rows, ...(decision ? { decision } : {}) });
  };
  return { loads, day, load };
}

/** 省公安厅 户籍人口基本信息 (人口基础库, daily): GBK CSV exports of the household register. */
function census(today: IsoDate): DemoDataset {
  const s = new Source(11);
  const { loads, day, load } = history(s, today);
  const add = (n: number, d: number) => s.add(n, () => resident(s, day(d), s.r.chance(0.4)));
  const bad = (n: number, d: number) => s.bad(n, () => withBadId(s.r, resident(s, day(d)), 0));
  const change = (n: number, d: number) => s.change(n, residentChange(s, day(d)));
  load(at(21, '10:00'), 'full', add(1200, 21), bad(24, 21));
  load(at(14, '10:00'), 'incremental', [...change(40, 14), ...add(45, 14)], bad(2, 14));
  // An export cut off after 800 rows: the guard holds it, the officer withdraws it (Art. 18).
  load(at(7, '09:30'), 'full', s.all().slice(0, 800), [], { at: at(7, '10:10'), confirm: false });
  s.remove(24); // deaths and moves out of the province: the complete file closes them
  add(30, 7);
  change(25, 7);
  load(at(7, '10:40'), 'full', s.all(), bad(11, 7));
  load(at(3, '10:00'), 'incremental', [...change(20, 3), ...add(12, 3)], bad(1, 3));
  load(at(1, '10:00'), 'incremental', [...change(15, 1), ...add(9, 1)]);
  const header = '公民身份号码 姓名 性别 民族 出生日期 户籍地址 婚姻状况';
  return dataset('hlj.gat', '户籍人口基本信息', 'csv-gbk', at(22, '09:00'), header, loads);
}

/** 省市场监管局 企业登记信息 (法人基础库, realtime): Excel workbooks of new and changed registrations. */
function enterprises(today: IsoDate): DemoDataset {
  const s = new Source(22);
  const { loads, day, load } = history(s, today);
  const add = (n: number, d: number) => s.add(n, () => company(s, day(d), n < 100));
  const bad = (n: number, d: number) => s.bad(n, () => withBadUscc(s.r, company(s, day(d), true)));
  const change = (n: number) => s.change(n, companyChange(s));
  load(at(19, '15:00'), 'full', add(700, 19), bad(11, 19));
  load(at(10, '16:00'), 'incremental', [...change(24), ...add(30, 10)], bad(1, 10));
  load(at(3, '16:00'), 'incremental', [...change(18), ...add(22, 3)]);
  load(at(2, '16:00'), 'incremental', [...change(15), ...add(20, 2)], bad(1, 2));
  load(at(1, '16:00'), 'incremental', [...change(12), ...add(18, 1)]);
  load({ minutesAgo: 90 }, 'incremental', [...change(6), ...add(10, 0)]);
  const header = '统一社会信用代码 企业名称 企业类型 注册资本 成立日期 住所 经营范围 登记机关 登记状态';
  return dataset('hlj.scjgj', '企业登记信息', 'xlsx', at(20, '09:30'), header, loads);
}

/** 省民政厅 最低生活保障对象信息 (社会保障主题库, daily): JSON from the social-assistance system. */
function assistance(today: IsoDate): DemoDataset {
  const s = new Source(33);
  const { loads, day, load } = history(s, today);
  const add = (n: number, d: number) => s.add(n, () => recipient(s, day(d)));
  // A bad ID number, or a phone number a digit short.
  const bad = (n: number, d: number) =>
    s.bad(n, () =>
      s.r.chance(0.6) ? withBadId(s.r, recipient(s, day(d)), 0) : phoneCut(recipient(s, day(d))),
    );
  load(at(17, '10:00'), 'full', add(1000, 17), bad(20, 17));
  load(at(10, '10:00'), 'incremental', [...s.change(40, recipientChange(s)), ...add(48, 10)], bad(1, 10));
  // The yearly rise of the standard, exported with phone numbers cut short: above the 5 % error
  // threshold the whole load is rejected (Art. 19); the corrected file follows the next morning.
  const rise = s.change(220, allowanceRise, false);
  load(
    at(4, '10:00'),
    'incremental',
    rise.slice(26),
    rise.slice(0, 26).map((x) => phoneCut([...x])),
  );
  for (const x of rise) s.put(x);
  load(at(3, '09:00'), 'incremental', [...rise, ...add(25, 3)], bad(2, 3));
  load(at(1, '10:00'), 'incremental', [...s.change(12, recipientChange(s)), ...add(18, 1)], bad(1, 1));
  const header = '公民身份号码 姓名 户籍地址 保障类别 保障人数 月保障金额 联系电话';
  return dataset('hlj.mzt', '最低生活保障对象信息', 'json', at(18, '09:00'), header, loads);
}

/** 大庆市公安局 机动车登记信息 (a city department's own data, daily): UTF-8 CSV. */
function vehicles(today: IsoDate): DemoDataset {
  const s = new Source(44);
  const { loads, day, load } = history(s, today);
  const add = (n: number, d: number) => s.add(n, () => vehicle(s, day(d), n < 100));
  const bad = (n: number, d: number) => s.bad(n, () => withBadId(s.r, vehicle(s, day(d), true), 3));
  const change = (n: number, d: number) => s.change(n, transfer(s, day(d)));
  load(at(15, '15:00'), 'full', add(800, 15), bad(8, 15));
  load(at(8, '15:00'), 'incremental', [...change(12, 8), ...add(42, 8)], bad(1, 8));
  load(at(4, '15:00'), 'incremental', [...change(6, 4), ...add(14, 4)]);
  // Scrapped and long-unregistered vehicles struck off together: a third of the register closes, so
  // the guard holds the file until the officer confirms it (Art. 18).
  s.remove(280);
  load(at(2, '15:00'), 'full', [...s.all(), ...add(8, 2)], [], { at: at(2, '16:30'), confirm: true });
  load(at(1, '15:00'), 'incremental', [...change(4, 1), ...add(11, 1)]);
  const header = '号牌号码 号牌种类 所有人名称 公民身份号码 初次登记日期';
  return dataset('dq.gaj', '大庆市机动车登记信息', 'csv', at(16, '14:00'), header, loads);
}

/** 省人社厅 职业技能等级证书信息 (weekly): last delivered two weeks ago, so late (Art. 19). */
function certificates(today: IsoDate): DemoDataset {
  const s = new Source(55);
  const { loads, day, load } = history(s, today);
  const add = (n: number, d: number) => s.add(n, () => certificate(s, day(d), n < 100));
  const bad = (n: number, d: number) => s.bad(n, () => withBadId(s.r, certificate(s, day(d), true), 2));
  load(at(29, '10:00'), 'full', add(500, 29), bad(5, 29));
  load(at(22, '10:00'), 'incremental', add(45, 22), bad(1, 22));
  // With corrections of misspelt holders' names.
  const corrected = s.change(3, (x) => s.redraw(x, 1, () => `${x[1][0]}${s.r.char('文明华丽军')}`));
  load(at(15, '10:00'), 'incremental', [...add(38, 15), ...corrected]);
  const header = '证书编号 姓名 公民身份号码 职业名称 技能等级 发证日期';
  return dataset('hlj.rst', '职业技能等级证书信息', 'csv-bom', at(30, '10:00'), header, loads);
}

/** The demo datasets for a demo loaded on `today` (Beijing): the same rows on every start. */
export const demoDatasets = (today: IsoDate): DemoDataset[] => [
  census(today),
  enterprises(today),
  assistance(today),
  vehicles(today),
  certificates(today),
];

/** What the loader should answer for a file (Art. 18–19). */
export interface Intended {
  status: 'committed' | 'awaiting_confirmation' | 'rejected';
  read: number;
  rejected: number;
  added: number;
  changed: number;
  unchanged: number;
  closed: number;
}

/**
 * The generator's intention, simulated the way the loader treats files: a row is added, changed or
 * unchanged against the committed records; above the error threshold the load is rejected; a full
 * load closes the keys its file lacks, held above the guard share until confirmed. Returns each
 * load's answer and the records left at the end.
 */
export function intended(d: DemoDataset, threshold = 0.05, guard = 0.2): { loads: Intended[]; rows: number } {
  const current = new Map<string, string>();
  const k = d.header.indexOf(d.keyItem);
  const loads = d.loads.map((l): Intended => {
    const e: Intended = {
      status: 'committed',
      read: l.rows.length,
      rejected: 0,
      added: 0,
      changed: 0,
      unchanged: 0,
      closed: 0,
    };
    const mentioned = new Set(l.rows.map((r) => r.cells[k]));
    // The loader rejects a repeated key: the generator never writes one.
    if (mentioned.size < l.rows.length) throw new Error(`demo: a key repeated in a file of ${d.entry}`);
    const versions = new Map<string, string>();
    for (const { cells, bad } of l.rows) {
      if (bad) e.rejected++;
      else if (current.get(cells[k]) === cells.join('\u001f')) e.unchanged++;
      else {
        if (current.has(cells[k])) e.changed++;
        else e.added++;
        versions.set(cells[k], cells.join('\u001f'));
      }
    }
    if (e.read && e.rejected / e.read > threshold) return { ...e, status: 'rejected' };
    const close = l.kind === 'full' ? [...current.keys()].filter((key) => !mentioned.has(key)) : [];
    e.closed = close.length;
    if (current.size && close.length / current.size > guard) e.status = 'awaiting_confirmation';
    if (e.status === 'committed' || l.decision?.confirm) {
      for (const [key, v] of versions) current.set(key, v);
      for (const key of close) current.delete(key);
    }
    return e;
  });
  return { loads, rows: current.size };
}

export interface AggregationDemoResult {
  datasets: number;
  loads: number;
  /** Current records over all demo datasets, as today's reconciliation counted them. */
  rows: number;
  rejectedRows: number;
  reconciliations: number;
}

const EXTENSIONS: Record<DemoFormat, string> = {
  'csv-gbk': 'csv',
  csv: 'csv',
  'csv-bom': 'csv',
  xlsx: 'xlsx',
  json: 'json',
};

/** The provider's published entry of that name, as its data officer finds it in the catalog. */
async function publishedEntry(ctx: Ctx, officer: Actor, name: string) {
  const found = await searchEntries(ctx, officer, {
    q: name,
    filters: {},
    status: ['published'],
    page: 1,
    pageSize: 50,
  });
  const hit = found.items.find((i) => i.name === name && i.providerAgency.id === officer.agencyId);
  if (!hit) throw new Error(`demo: no published entry “${name}” of agency ${officer.agencyId}`);
  return viewEntry(ctx.db, hit.id, 'current');
}

/** Loads the demo datasets when there are none; null (and nothing changed) otherwise. */
export async function loadAggregationDemo(ctx: Ctx): Promise<AggregationDemoResult | null> {
  if (await ctx.db.selectFrom('agg_dataset').select('id').limit(1).executeTakeFirst()) return null;
  const now = ctx.clock.now();
  const today = beijingDateOf(now);
  const { items: agencies } = await listAgencies(ctx, {}, false);
  // Agencies without a demo account act as 'demo' (the ledger names the agency; Art. 6).
  const officerOf = (code: string): Actor => {
    const a = agencies.find((x) => x.code === code);
    if (!a) throw new Error(`demo agency ${code} is missing`);
    const account = DEMO_ACCOUNT_SPECS.find((s) => s.agency === code && s.roles.includes('data_officer'));
    const roles = account?.roles ?? ['data_officer'];
    return {
      accountId: null,
      username: account?.username ?? 'demo',
      agencyId: a.id,
      agencyLevel: a.level,
      agencyKind: a.kind,
      roles,
    };
  };

  let clock = now;
  const past: Ctx = { ...ctx, clock: { now: () => clock } };
  const instant = (w: When) =>
    'minutesAgo' in w
      ? new Date(now.getTime() - w.minutesAgo * 60_000)
      : new Date(`${addDays(today, -w.daysAgo)}T${w.time}:00+08:00`);
  const steps: { at: number; n: number; run: () => Promise<unknown> }[] = [];
  const step = (w: When, run: () => Promise<unknown>) =>
    steps.push({ at: instant(w).getTime(), n: steps.length, run });
  const totals = { loads: 0, rejectedRows: 0, reconciliations: 0 };

  const plans = demoDatasets(today);
  for (const plan of plans) {
    const officer = officerOf(plan.agency);
    const expected = intended(plan).loads;
    let ds: Dataset;
    step(plan.created, async () => {
      const entry = await publishedEntry(past, officer, plan.entry);
      const key = entry.items.find((i) => i.name === plan.keyItem)!.code;
      ds = await createDataset(past, officer, { entryId: entry.id, keyItems: [key] });
    });
    plan.loads.forEach((l, i) => {
      let loadId = '';
      step(l.at, async () => {
        const columns = plan.header.map((name) => {
          const c = ds.columns.find((x) => x.itemName === name)!;
          return { name, code: c.itemCode, dataType: c.dataType };
        });
        const bytes = await demoFile(
          plan.format,
          columns,
          l.rows.map((r) => r.cells),
        );
        const day = beijingDateOf(clock).replace(/-/g, '');
        const fileName = `${plan.entry}_${day}_${l.kind === 'full' ? '全量' : '增量'}.${EXTENSIONS[plan.format]}`;
        const r = await runLoad(past, officer, ds.id, openDemoFile(plan.format, bytes), {
          kind: l.kind,
          source: 'upload',
          fileName,
        });
        const got = {
          status: r.status,
          read: r.rowsRead,
          rejected: r.rowsRejected,
          added: r.rowsAdded,
          changed: r.rowsChanged,
          unchanged: r.rowsUnchanged,
          closed: r.closing?.count ?? r.rowsClosed,
        };
        // The generator and the loader must agree, or the demo would not show what it says.
        if (JSON.stringify(got) !== JSON.stringify(expected[i]))
          throw new Error(
            `demo load ${fileName}: expected ${JSON.stringify(expected[i])}, got ${JSON.stringify(got)}`,
          );
        loadId = r.loadId;
        totals.loads++;
        totals.rejectedRows += r.rowsRejected;
      });
      const decision = l.decision;
      if (decision)
        step(decision.at, () => (decision.confirm ? confirmLoad : cancelLoad)(past, officer, ds.id, loadId));
    });
  }
  // The daily reconciliation (Art. 19) of the last three days, late in the evening after the loads.
  for (const d of [3, 2, 1])
    step(at(d, '23:30'), async () => (totals.reconciliations += await reconcileAll(past)));

  // In time order: registrations, loads, decisions and reconciliations as they would have happened.
  for (const s of steps.sort((a, b) => a.at - b.at || a.n - b.n)) {
    clock = new Date(s.at);
    await s.run();
  }
  // Today's, at the real time: the job then finds today done.
  totals.reconciliations += await reconcileAll(ctx);
  const counted = await ctx.db
    .selectFrom('agg_reconciliation')
    .select((eb) => eb.fn.sum<number>('current_rows').as('n'))
    .where('day', '=', today)
    .executeTakeFirstOrThrow();
  return { datasets: plans.length, ...totals, rows: Number(counted.n) };
}
