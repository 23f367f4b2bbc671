import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { quietLogger } from '../../test/helpers/env.ts';
import { runCli, spawnCli, tempDir } from '../../test/helpers/processes.ts';
import { isPostgres, startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { actorByUsername } from '../agencies/accounts.ts';
import { basicEntry } from '../catalog/catalog.test-helpers.ts';
import { createEntry } from '../catalog/entries.ts';
import { submitEntry } from '../catalog/review.ts';
import { loadConfig } from '../config.ts';
import { TestClock } from '../kernel/clock.ts';
import type { Ctx } from '../kernel/context.ts';
import { transition } from '../matters/index.ts';
import { openSystem } from '../system.ts';
import { csvSource, csvText, people } from './aggregation.test-helpers.ts';
import { createDataset } from './datasets.ts';
import { runLoad } from './load.ts';
import { openFile } from './readers/index.ts';
import { readRecords } from './records.ts';

// Art. 18 all-or-nothing: `govdata import` runs in a child process and is killed with SIGKILL once
// chunks covering ≥ 30 % of the file are committed. The dataset must read exactly as before, the
// cut load must not block the next one, and the same file must load in full afterwards.

const ROWS = 120_000;
let dataDir: string;
let file: string;
let t: TestSystem | undefined;
let entryCode = '';
let datasetId = 0;
// The clock of this process: moved past the child's last heartbeat before the re-run (PostgreSQL
// tells a dead load by its heartbeat; the embedded database by its single process).
const clock = new TestClock(new Date(Date.now() - 3600_000).toISOString());

async function withDatabase<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (t) return fn(t.ctx);
  const config = { ...loadConfig(), databaseUrl: undefined, dataDir, demo: false };
  const fresh = !fs.existsSync(`${dataDir}/pglite`);
  const sys = await openSystem(config, {
    clock,
    log: quietLogger,
    loadDataDir: fresh ? new Blob([fs.readFileSync(inject('pgliteTemplate'))]) : undefined,
  });
  try {
    return await fn(sys.ctx);
  } finally {
    await sys.close();
  }
}

const gat = async (ctx: Ctx) => (await actorByUsername(ctx.db, 'gat.data'))!;

beforeAll(async () => {
  dataDir = tempDir('load-kill');
  if (isPostgres()) t = await startTestSystem({ config: { dataDir } });
  if (t) t.clock.set(clock.now());
  file = path.join(dataDir, 'people.csv');
  fs.writeFileSync(file, csvText(people(ROWS)));
  await withDatabase(async (ctx) => {
    const officer = await gat(ctx);
    const { entry } = await createEntry(
      ctx,
      officer,
      basicEntry({
        name: '户籍人口登记信息',
        items: [
          { name: '公民身份号码' },
          { name: '姓名' },
          { name: '户籍地址' },
          { name: '人口类型', code: 'RKLX', dataType: 'string', grade: 'general', length: 10 },
          { name: '迁入日期', code: 'QRRQ', dataType: 'date', grade: 'general' },
        ],
      }) as never,
    );
    const submitted = await submitEntry(ctx, officer, entry.id, {
      justification: '本部门履职确需独立采集，已与相关部门沟通。',
    });
    await transition(
      ctx,
      (await actorByUsername(ctx.db, 'sheng.reviewer'))!,
      submitted.reviewMatterId!,
      'publish',
    );
    entryCode = entry.code;
    const ds = await createDataset(ctx, officer, { entryId: entry.id, keyItems: [entry.items[0].code] });
    datasetId = ds.id;
    // What the dataset holds before: 50 people, committed.
    const first = await runLoad(ctx, officer, ds.id, csvSource(csvText(people(50))), {
      kind: 'full',
      source: 'test',
    });
    expect(first.status).toBe('committed');
  });
}, 300_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('a load killed after ≥ 30 % was committed leaves the dataset as it was, and runs again in full', async () => {
  const before = await withDatabase(
    async (ctx) => (await readRecords(ctx, await gat(ctx), datasetId, { limit: 1000, clear: true })).items,
  );
  expect(before).toHaveLength(50);
  const child = spawnCli(['import', entryCode, file, '--as', 'gat.data'], {
    GOVDATA_DATA_DIR: dataDir,
    DATABASE_URL: t?.databaseUrl,
    LOG_LEVEL: 'silent',
  });
  let output = '';
  let killedAt = 0;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b) => {
      output += b;
      const shares = [...output.matchAll(/进度 \S+ ([\d.]+)%/g)].map((m) => Number(m[1]));
      const last = shares[shares.length - 1] ?? 0;
      if (last >= 30 && !killedAt) {
        killedAt = last;
        child.kill('SIGKILL');
      }
    });
    child.stderr!.on('data', (b) => {
      output += b;
    });
    child.on('exit', () =>
      killedAt ? resolve() : reject(new Error(`the import ended before 30 %:\n${output}`)),
    );
  });
  expect(killedAt).toBeGreaterThanOrEqual(30);
  expect(killedAt).toBeLessThan(100);
  clock.set(new Date(Date.now() + 3 * 60_000).toISOString());
  if (t) t.clock.set(clock.now());
  await withDatabase(async (ctx) => {
    const cut = await ctx.db
      .selectFrom('agg_load')
      .selectAll()
      .where('dataset_id', '=', datasetId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // The chunks it committed are in the database, but not in the dataset.
    expect(cut.status).toBe('running');
    expect(cut.rows_read).toBeGreaterThanOrEqual(ROWS * 0.25);
    const officer = await gat(ctx);
    const now = (await readRecords(ctx, officer, datasetId, { limit: 1000, clear: true })).items;
    expect(now).toEqual(before);
    // Re-runnable: the cut load is failed (its rows cleared) and the same file loads in full.
    const again = await runLoad(ctx, officer, datasetId, await openFile(file), {
      kind: 'full',
      source: 'test',
    });
    expect(again).toMatchObject({ status: 'committed', rowsRead: ROWS, rowsAccepted: ROWS });
    const old = await ctx.db
      .selectFrom('agg_load')
      .select(['status'])
      .where('id', '=', cut.id)
      .executeTakeFirstOrThrow();
    expect(old.status).toBe('failed');
    const left = await ctx.db
      .selectFrom('agg_record')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('load_id', '=', String(cut.id))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });
}, 300_000);

it('prints usage and fails for an unknown entry code', async () => {
  const r = await runCli(['import', 'NO-SUCH-CODE', file, '--as', 'gat.data'], {
    GOVDATA_DATA_DIR: dataDir,
    DATABASE_URL: t?.databaseUrl,
    LOG_LEVEL: 'silent',
  });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('目录 NO-SUCH-CODE 不存在');
});
