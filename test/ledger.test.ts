import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, systemActor } from '../src/kernel/context.ts';
import type { Trx } from '../src/kernel/db/schema.ts';
import { tryAcquireLease } from '../src/kernel/jobs/lease.ts';
import { eventHash } from '../src/kernel/ledger/canonical.ts';
import { CHECKPOINT_LEASE, checkpointJob, writeCheckpoint } from '../src/kernel/ledger/checkpoint.ts';
import { ledgerFiles, signHead } from '../src/kernel/ledger/keys.ts';
import { verifyLedger } from '../src/kernel/ledger/verify.ts';
import { tempDir } from './helpers/processes.ts';
import { startTestSystem, type TestSystem } from './helpers/system.ts';

// Art. 11 (全程留痕、可追溯): the ledger is append-only, hash-chained and checkpointed under a key
// outside the database. Each tampering test restores the chain afterwards, so the next starts whole.

let t: TestSystem;
let dataDir: string;
let n = 0;

beforeAll(async () => {
  dataDir = tempDir('ledger');
  t = await startTestSystem({ config: { dataDir } });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const files = () => ledgerFiles(t.config);

async function writeEvents(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    n += 1;
    await inTransaction(t.ctx, systemActor, async (tx) => {
      tx.record({
        action: 'test.event',
        subject: `item:${n}`,
        details: { n, nested: { z: [1, '二'], a: null } },
      });
    });
  }
}

const head = async () =>
  (
    await t.ctx.db
      .selectFrom('ledger_event')
      .select(['seq'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).seq;

async function checkpointNow(): Promise<number> {
  const r = await writeCheckpoint(t.ctx);
  expect(r.status).toBe('written');
  return r.status === 'written' ? r.checkpoint.seq : 0;
}

/** Runs `fn` with the refusing triggers off, as a DBA with full rights could, in one transaction. */
async function asDba(fn: (trx: Trx) => Promise<unknown>): Promise<void> {
  await t.ctx.db.transaction().execute(async (trx) => {
    await sql`alter table ledger_event disable trigger user`.execute(trx);
    await sql`alter table ledger_checkpoint disable trigger user`.execute(trx);
    await fn(trx);
    await sql`alter table ledger_event enable trigger user`.execute(trx);
    await sql`alter table ledger_checkpoint enable trigger user`.execute(trx);
  });
}

/** Tampers inside `fn`, then puts the chain, its checkpoints and the outside file back as they were. */
async function tampering(fn: () => Promise<void>): Promise<void> {
  const events = await t.ctx.db.selectFrom('ledger_event').selectAll().orderBy('seq').execute();
  const cps = await t.ctx.db.selectFrom('ledger_checkpoint').selectAll().execute();
  const file = fs.existsSync(files().checkpointFile) ? fs.readFileSync(files().checkpointFile) : null;
  try {
    await fn();
  } finally {
    await asDba(async (trx) => {
      await trx.deleteFrom('ledger_event').execute();
      await trx.deleteFrom('ledger_checkpoint').execute();
      for (let i = 0; i < events.length; i += 500) {
        const rows = events.slice(i, i + 500).map((e) => ({ ...e, details: JSON.stringify(e.details) }));
        await trx.insertInto('ledger_event').values(rows).execute();
      }
      if (cps.length) await trx.insertInto('ledger_checkpoint').values(cps).execute();
    });
    if (file) fs.writeFileSync(files().checkpointFile, file);
    else fs.rmSync(files().checkpointFile, { force: true });
  }
  expect((await verifyLedger(t.ctx)).ok).toBe(true);
}

/** Rewrites events from `fromSeq` on with altered details and fresh, self-consistent hashes. */
async function rehashFrom(trx: Trx, fromSeq: number): Promise<void> {
  const rows = await trx
    .selectFrom('ledger_event')
    .selectAll()
    .where('seq', '>=', fromSeq)
    .orderBy('seq')
    .execute();
  let prev = (
    await trx
      .selectFrom('ledger_event')
      .select('hash')
      .where('seq', '=', fromSeq - 1)
      .executeTakeFirst()
  )?.hash;
  await trx.deleteFrom('ledger_event').where('seq', '>=', fromSeq).execute();
  for (const r of rows) {
    const forged = { ...r, details: { ...(r.details as object), forged: true }, prev_hash: prev! };
    const hash = eventHash(forged);
    await trx
      .insertInto('ledger_event')
      .values({ ...forged, details: JSON.stringify(forged.details), hash })
      .execute();
    prev = hash;
  }
}

describe('ledger (Art. 11 全程留痕)', () => {
  it('verifies a whole chain, counting every event', async () => {
    await writeEvents(30);
    await checkpointNow();
    const r = await verifyLedger(t.ctx);
    expect(r).toMatchObject({
      ok: true,
      checked: await head(),
      headSeq: await head(),
      lastCheckpointSeq: await head(),
    });
  });

  it('Art. 11: the database refuses UPDATE, DELETE and TRUNCATE on the ledger and its checkpoints', async () => {
    const refused = /留痕记录只能追加，不可修改、删除或清空/;
    for (const table of ['ledger_event', 'ledger_checkpoint']) {
      const target = sql.table(table);
      await expect(sql`update ${target} set seq = seq`.execute(t.ctx.db)).rejects.toThrow(refused);
      await expect(sql`delete from ${target}`.execute(t.ctx.db)).rejects.toThrow(refused);
      await expect(sql`truncate ${target}`.execute(t.ctx.db)).rejects.toThrow(refused);
    }
    expect((await verifyLedger(t.ctx)).ok).toBe(true);
  });

  it('catches an event altered with the triggers disabled, naming its seq', async () => {
    const seq = (await head()) - 10;
    await tampering(async () => {
      await asDba((trx) =>
        sql`update ledger_event set details = '{"n": 999}' where seq = ${seq}`.execute(trx),
      );
      const r = await verifyLedger(t.ctx);
      expect(r).toMatchObject({ ok: false, firstBadSeq: seq, checked: seq - 1 });
      expect(r.reason).toMatch(/内容与哈希不符/);
    });
  });

  it('catches an event removed from the middle', async () => {
    const seq = (await head()) - 5;
    await tampering(async () => {
      await asDba((trx) => trx.deleteFrom('ledger_event').where('seq', '=', seq).execute());
      expect(await verifyLedger(t.ctx)).toMatchObject({
        ok: false,
        firstBadSeq: seq,
        reason: expect.stringMatching(/缺失/),
      });
    });
  });

  it('catches a reordered pair of events', async () => {
    const a = (await head()) - 8;
    await tampering(async () => {
      await asDba(async (trx) => {
        const [x, y] = await trx
          .selectFrom('ledger_event')
          .selectAll()
          .where('seq', 'in', [a, a + 1])
          .orderBy('seq')
          .execute();
        await trx
          .deleteFrom('ledger_event')
          .where('seq', 'in', [a, a + 1])
          .execute();
        await trx
          .insertInto('ledger_event')
          .values([
            { ...y, seq: a, details: JSON.stringify(y.details) },
            { ...x, seq: a + 1, details: JSON.stringify(x.details) },
          ])
          .execute();
      });
      expect(await verifyLedger(t.ctx)).toMatchObject({ ok: false, firstBadSeq: a });
    });
  });

  it('catches a tail cut off after a checkpoint', async () => {
    await writeEvents(5);
    const cp = await checkpointNow();
    await tampering(async () => {
      await asDba((trx) =>
        trx
          .deleteFrom('ledger_event')
          .where('seq', '>', cp - 3)
          .execute(),
      );
      const r = await verifyLedger(t.ctx);
      expect(r).toMatchObject({ ok: false, firstBadSeq: cp - 2, checked: cp - 3 });
      expect(r.reason).toMatch(new RegExp(`链尾被截断.*seq ${cp}`));
    });
  });

  it('catches a chain fully re-hashed after a checkpoint', async () => {
    await writeEvents(5);
    const cp = await checkpointNow();
    const from = cp - 20;
    const firstSealed = (
      await t.ctx.db
        .selectFrom('ledger_checkpoint')
        .select('seq')
        .where('seq', '>=', from)
        .orderBy('seq')
        .executeTakeFirstOrThrow()
    ).seq;
    await tampering(async () => {
      await asDba((trx) => rehashFrom(trx, from));
      const r = await verifyLedger(t.ctx);
      expect(r).toMatchObject({ ok: false, firstBadSeq: firstSealed });
      expect(r.reason).toMatch(/重算了哈希/);
      // …and a checkpoint forged for the new head does not help: it cannot be signed without the key.
      await t.ctx.db
        .insertInto('ledger_checkpoint')
        .values({
          seq: cp + 1,
          head_hash: 'f'.repeat(64),
          time: t.clock.now(),
          algorithm: 'HMAC-SM3',
          key_id: 'x',
          signature: '0'.repeat(64),
        })
        .execute();
      expect(await verifyLedger(t.ctx)).toMatchObject({ ok: false, firstBadSeq: firstSealed });
    });
  });

  it('catches a deleted checkpoint row through the outside file', async () => {
    await writeEvents(4);
    const cp = await checkpointNow();
    await tampering(async () => {
      await asDba((trx) => trx.deleteFrom('ledger_checkpoint').where('seq', '=', cp).execute());
      expect(await verifyLedger(t.ctx)).toMatchObject({
        ok: false,
        firstBadSeq: cp,
        reason: expect.stringMatching(/已从数据库中删除/),
      });
      // With the row gone the table alone would not notice the cut; the file does.
      await asDba((trx) =>
        trx
          .deleteFrom('ledger_event')
          .where('seq', '>', cp - 2)
          .execute(),
      );
      const r = await verifyLedger(t.ctx);
      expect(r).toMatchObject({ ok: false, firstBadSeq: cp - 1 });
      expect(r.reason).toMatch(/链尾被截断：外部检查点文件第 \d+ 行/);
    });
  });

  it('rejects a checkpoint signed with another key', async () => {
    await writeEvents(2);
    const seq = await head();
    const row = await t.ctx.db
      .selectFrom('ledger_event')
      .select('hash')
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();
    const other = { id: 'otherkey00000000', secret: Buffer.alloc(32, 7), file: '' };
    const time = t.clock.now();
    await tampering(async () => {
      await t.ctx.db
        .insertInto('ledger_checkpoint')
        .values({
          seq,
          head_hash: row.hash,
          time,
          algorithm: 'HMAC-SM3',
          key_id: other.id,
          signature: signHead(other, { seq, headHash: row.hash, time }),
        })
        .execute();
      expect(await verifyLedger(t.ctx)).toMatchObject({
        ok: false,
        firstBadSeq: seq,
        reason: expect.stringMatching(/未知密钥/),
      });
    });
  });

  it('fails when the key outside the database is missing, and keeps the key file private', async () => {
    const { keyFile } = files();
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(path.relative(dataDir, keyFile)).toBe(path.join('keys', 'ledger-checkpoint.key'));
    const moved = `${keyFile}.away`;
    fs.renameSync(keyFile, moved);
    try {
      const r = await verifyLedger(t.ctx);
      expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/密钥文件不存在/) });
      // No new key is made once checkpoints exist: a host without the shared key must not sign.
      expect(await writeCheckpoint(t.ctx)).toMatchObject({ status: 'refused' });
      expect(fs.existsSync(keyFile)).toBe(false);
    } finally {
      fs.renameSync(moved, keyFile);
    }
  });

  it('cannot see events appended after the last checkpoint and cut before the next (documented window)', async () => {
    await writeEvents(1);
    const cp = await checkpointNow();
    await writeEvents(3);
    await tampering(async () => {
      await asDba((trx) => trx.deleteFrom('ledger_event').where('seq', '>', cp).execute());
      expect((await verifyLedger(t.ctx)).ok).toBe(true);
    });
  });

  it('checkpoints only when the head moved, and never seals a broken chain', async () => {
    await writeEvents(1);
    await checkpointNow();
    expect((await writeCheckpoint(t.ctx)).status).toBe('unchanged');
    await writeEvents(3);
    const seq = (await head()) - 1;
    await tampering(async () => {
      await asDba((trx) => sql`update ledger_event set subject = 'x' where seq = ${seq}`.execute(trx));
      expect(await writeCheckpoint(t.ctx)).toMatchObject({ status: 'refused', seq });
    });
  });

  it('runs the checkpoint job in one process at a time (database lease)', async () => {
    await writeEvents(2);
    const before = await t.ctx.db
      .selectFrom('ledger_checkpoint')
      .select(({ fn }) => fn.countAll<number>().as('c'))
      .executeTakeFirstOrThrow();
    expect(await tryAcquireLease(t.ctx, CHECKPOINT_LEASE, 'other-process', 60_000)).toBe(true);
    await checkpointJob(t.ctx, 'this-process');
    const during = await t.ctx.db
      .selectFrom('ledger_checkpoint')
      .select(({ fn }) => fn.countAll<number>().as('c'))
      .executeTakeFirstOrThrow();
    expect(Number(during.c)).toBe(Number(before.c));
    t.clock.advanceMinutes(2); // the other holder's lease expires
    await checkpointJob(t.ctx, 'this-process');
    const latest = await t.ctx.db
      .selectFrom('ledger_checkpoint')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(latest.seq).toBe(await head());
  });

  it('4 concurrent writers leave one unbroken chain with seq 1..N', async () => {
    const start = await head();
    const writer = async (w: number) => {
      for (let i = 0; i < 50; i++) {
        await inTransaction(t.ctx, systemActor, async (tx) => {
          tx.record({ action: 'test.concurrent', subject: `writer:${w}`, details: { i } });
          if (i % 5 === 0)
            tx.record({ action: 'test.concurrent', subject: `writer:${w}`, details: { i, second: true } });
        });
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    const stats = await sql<{ c: number; lo: number; hi: number }>`
      select count(*)::int as c, min(seq)::int as lo, max(seq)::int as hi from ledger_event`.execute(
      t.ctx.db,
    );
    expect(stats.rows[0]).toEqual({ c: start + 240, lo: 1, hi: start + 240 });
    await checkpointNow();
    expect(await verifyLedger(t.ctx)).toMatchObject({ ok: true, checked: start + 240 });
  });
});
