import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { TestClock } from '../src/kernel/clock.ts';
import { type Ctx, inTransaction, systemActor } from '../src/kernel/context.ts';
import { openSystem } from '../src/system.ts';
import { quietLogger, TEST_EPOCH } from './helpers/env.ts';
import { runCli, tempDir } from './helpers/processes.ts';
import { isPostgres, startTestSystem, type TestSystem } from './helpers/system.ts';

// `govdata ledger verify` as an operator runs it: a child process against this file's database.
// On PGlite the CLI opens the data folder itself, so the database lives on disk in a temp folder
// and this process closes it (releasing the folder lock) before each run.

let dataDir: string;
let t: TestSystem | undefined;

beforeAll(async () => {
  dataDir = tempDir('ledger-cli');
  if (isPostgres()) t = await startTestSystem({ config: { dataDir } });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `fn` against the database the CLI will open. */
async function withDatabase(fn: (ctx: Ctx) => Promise<void>): Promise<void> {
  if (t) return fn(t.ctx);
  const config = { ...loadConfig(), databaseUrl: undefined, dataDir, demo: false };
  const fresh = !fs.existsSync(`${dataDir}/pglite`);
  const sys = await openSystem(config, {
    clock: new TestClock(TEST_EPOCH),
    log: quietLogger,
    loadDataDir: fresh ? new Blob([fs.readFileSync(inject('pgliteTemplate'))]) : undefined,
  });
  try {
    await fn(sys.ctx);
  } finally {
    await sys.close();
  }
}

const cli = (...args: string[]) =>
  runCli(args, { GOVDATA_DATA_DIR: dataDir, DATABASE_URL: t?.databaseUrl, LOG_LEVEL: 'silent' });

let headSeq = 0;

describe('govdata ledger verify (Art. 11)', () => {
  it('prints how many events it checked and exits 0 on a whole chain', async () => {
    await withDatabase(async (ctx) => {
      for (let i = 0; i < 20; i++) {
        await inTransaction(ctx, systemActor, async (tx) => {
          tx.record({ action: 'test.cli', subject: `item:${i}`, details: { i } });
        });
      }
      headSeq = (
        await ctx.db.selectFrom('ledger_event').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow()
      ).seq;
    });
    const cp = await cli('ledger', 'checkpoint');
    expect(cp.code, cp.stderr).toBe(0);
    expect(cp.stdout).toContain(`已签发检查点：seq ${headSeq}`);
    const r = await cli('ledger', 'verify');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已校验 ${headSeq} 条事件`);
  });

  it('exits non-zero naming the first bad seq after an event was altered', async () => {
    const bad = headSeq - 4;
    await withDatabase(async (ctx) => {
      await ctx.db.transaction().execute(async (trx) => {
        await sql`alter table ledger_event disable trigger user`.execute(trx);
        await sql`update ledger_event set actor = 'mallory' where seq = ${bad}`.execute(trx);
        await sql`alter table ledger_event enable trigger user`.execute(trx);
      });
    });
    const r = await cli('ledger', 'verify');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`已校验 ${bad - 1} 条事件`);
    expect(r.stderr).toContain(`首个异常序号：${bad}`);
    expect(r.stderr).toContain('内容与哈希不符');
  });

  it('exits non-zero when the tail past the checkpoint was cut', async () => {
    await withDatabase(async (ctx) => {
      await ctx.db.transaction().execute(async (trx) => {
        await sql`alter table ledger_event disable trigger user`.execute(trx);
        await sql`update ledger_event set actor = 'system' where seq = ${headSeq - 4}`.execute(trx);
        await sql`delete from ledger_event where seq > ${headSeq - 2}`.execute(trx);
        await sql`alter table ledger_event enable trigger user`.execute(trx);
      });
    });
    const r = await cli('ledger', 'verify');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`首个异常序号：${headSeq - 1}`);
    expect(r.stderr).toContain('链尾被截断');
  });
});
