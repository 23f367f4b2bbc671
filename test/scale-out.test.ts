import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrCreateCheckpointKey } from '../src/kernel/ledger/keys.ts';
import { verifyLedger } from '../src/kernel/ledger/verify.ts';
import { ensureStaffAccount, type ServerProcess, startServer, tempDir } from './helpers/processes.ts';
import { DEMO_PASSWORD, startTestSystem, type TestSystem } from './helpers/system.ts';

// Scale-out: two `govdata serve` processes on one PostgreSQL database behave as one. Sessions,
// lockout counters, job leases and the ledger chain live in the database, not in a process.

describe.runIf(Boolean(process.env.DATABASE_URL))('two server processes on one PostgreSQL database', () => {
  let t: TestSystem;
  let dir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let auditorToken: string;

  beforeAll(async () => {
    dir = tempDir('scale-out');
    t = await startTestSystem({ config: { dataDir: dir } });
    // The checkpoint key is shared by every host (copied by the operator); this process uses it too.
    const keyFile = path.join(dir, 'ledger-checkpoint.key');
    readOrCreateCheckpointKey(keyFile);
    process.env.GOVDATA_LEDGER_KEY_FILE = keyFile;
    // The servers run on the real clock, so these accounts' passwords are fresh by it.
    const now = new Date();
    for (const [username, role] of [
      ['so.user', 'dept_user'],
      ['so.locked', 'dept_user'],
      ['so.auditor', 'auditor'],
    ]) {
      await ensureStaffAccount(t.ctx.db, { username, roles: [role], password: DEMO_PASSWORD, now });
    }
    // A short interval makes both processes' checkpoint jobs compete for the lease.
    // Likewise both processes try the deadline sweep every second.
    const env = {
      GOVDATA_LEDGER_KEY_FILE: keyFile,
      GOVDATA_CHECKPOINT_SECONDS: '1',
      GOVDATA_SWEEP_SECONDS: '1',
    };
    [a, b] = await Promise.all(
      ['a', 'b'].map((name) => startServer(t.databaseUrl!, env, { dataDir: path.join(dir, name) })),
    );
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await t?.close();
    delete process.env.GOVDATA_LEDGER_KEY_FILE;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const login = (srv: ServerProcess, username: string, password = DEMO_PASSWORD) =>
    fetch(`${srv.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const call = (srv: ServerProcess, token: string, url: string, method = 'GET') =>
    fetch(`${srv.url}${url}`, { method, headers: { authorization: `Bearer ${token}` } });

  it('spreads logins over both processes, and a session made on A is honoured by B', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => login(i % 2 ? b : a, 'so.user')));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const fromA = (await results[0].json()).token as string;
    const onB = await call(b, fromA, '/api/v1/auth/me');
    expect(onB.status).toBe(200);
    expect((await onB.json()).user.username).toBe('so.user');
    // Logging out on B ends the session on A as well.
    expect((await call(b, fromA, '/api/v1/auth/logout', 'POST')).status).toBe(204);
    expect((await call(a, fromA, '/api/v1/auth/me')).status).toBe(401);
  });

  it('locks an account on both processes after 5 wrong passwords split over A and B', async () => {
    const statuses: number[] = [];
    for (const srv of [a, b, a, b, a])
      statuses.push((await login(srv, 'so.locked', 'Wrong#password1')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    for (const srv of [a, b]) {
      const res = await login(srv, 'so.locked');
      expect(res.status).toBe(423);
      expect((await res.json()).title).toBe('账号已锁定');
    }
  });

  it('keeps one unbroken chain under concurrent ledger writes through both, checkpointed under one lease', async () => {
    // Failed logins each write a ledger event in their own transaction.
    const attempts = await Promise.all(
      Array.from({ length: 120 }, (_, i) => login(i % 2 ? b : a, `ghost.${i}`, 'Nobody#home123')),
    );
    expect(new Set(attempts.map((r) => r.status))).toEqual(new Set([401]));
    const stats = await sql<{ c: number; lo: number; hi: number }>`
      select count(*)::int as c, min(seq)::int as lo, max(seq)::int as hi from ledger_event`.execute(
      t.ctx.db,
    );
    const { c, lo, hi } = stats.rows[0];
    expect({ c, lo }).toEqual({ c: hi, lo: 1 });
    const ghosts = await sql<{ n: number }>`
      select count(*)::int as n from ledger_event where action = 'auth.login.failed' and subject like 'username:ghost.%'`.execute(
      t.ctx.db,
    );
    expect(ghosts.rows[0].n).toBe(120);

    // One of the two servers seals the new head within a few of their 1-second rounds.
    const deadline = performance.now() + 30_000;
    let sealed = 0;
    while (sealed < hi && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250)); // real processes on the real clock
      sealed =
        (
          await t.ctx.db
            .selectFrom('ledger_checkpoint')
            .select('seq')
            .orderBy('seq', 'desc')
            .executeTakeFirst()
        )?.seq ?? 0;
    }
    expect(sealed).toBeGreaterThanOrEqual(hi);

    expect(await verifyLedger(t.ctx)).toMatchObject({ ok: true, checked: expect.any(Number) });
    auditorToken = (await (await login(a, 'so.auditor')).json()).token;
    for (const srv of [a, b]) {
      const res = await call(srv, auditorToken, '/api/v1/ledger/verify', 'POST');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true });
    }
    // Each checkpoint was written once, by whichever process held the lease, to the table and then
    // to that process's own outside file (compared once both have stopped writing). A process stopped
    // between the two leaves its newest row without a copy, which is harmless; never the reverse.
    await Promise.all([a.stop(), b.stop()]);
    const rows = (await t.ctx.db.selectFrom('ledger_checkpoint').select('seq').execute()).map((r) => r.seq);
    const fileSeqs = [a, b].flatMap((srv) => {
      const file = path.join(srv.dataDir, 'ledger-checkpoints.jsonl');
      const lines = fs.existsSync(file)
        ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean)
        : [];
      return lines.map((l) => JSON.parse(l).seq as number);
    });
    expect(new Set(fileSeqs).size).toBe(fileSeqs.length);
    expect(rows).toEqual(expect.arrayContaining(fileSeqs));
    const uncopied = rows.filter((s) => !fileSeqs.includes(s));
    expect(uncopied.every((s) => s > Math.max(...fileSeqs))).toBe(true);
    expect(uncopied.length).toBeLessThanOrEqual(1);
    for (const srv of [a, b]) expect(srv.output()).not.toContain('留痕链异常');
  });
  it('Art. 42: both processes sweep every second, and each overdue deadline is marked exactly once', async () => {
    // Orders issued through the in-process app on the test clock (January 2026) are long overdue by
    // the real clock of two fresh servers, which race to sweep them every second.
    const env = { GOVDATA_LEDGER_KEY_FILE: process.env.GOVDATA_LEDGER_KEY_FILE, GOVDATA_SWEEP_SECONDS: '1' };
    const [c, d] = await Promise.all(
      ['c', 'd'].map((name) => startServer(t.databaseUrl!, env, { dataDir: path.join(dir, name) })),
    );
    const hrb = await t.login('hrb.admin');
    const deps = await t.call(hrb, {
      method: 'GET',
      url: '/api/v1/agencies?regionCode=230100&kind=department',
    });
    const target = deps.json().items.find((x: { name: string }) => x.name === '哈尔滨市公安局').id;
    for (let i = 0; i < 5; i++) {
      const res = await t.call(hrb, {
        method: 'POST',
        url: '/api/v1/supervision/rectifications',
        payload: {
          agencyId: target,
          ground: 'objection',
          description: `第${i + 1}批数据异议未按期核实处理，请限期整改。`,
          workingDays: 3,
        },
      });
      expect(res.statusCode).toBe(201);
    }
    const marked = async () =>
      (
        await sql<{
          subject: string;
        }>`select subject from ledger_event where action = 'deadline.overdue'`.execute(t.ctx.db)
      ).rows.map((r) => r.subject);
    const until = performance.now() + 30_000;
    while ((await marked()).length < 5 && performance.now() < until)
      await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 3_000)); // several more sweeps by both processes
    await Promise.all([c.stop(), d.stop()]);
    const subjects = await marked();
    expect(subjects).toHaveLength(5);
    expect(new Set(subjects).size).toBe(5);
  });
});
