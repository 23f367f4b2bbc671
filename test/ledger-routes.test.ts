import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, systemActor } from '../src/kernel/context.ts';
import { writeCheckpoint } from '../src/kernel/ledger/checkpoint.ts';
import { ensureStaffAccount, tempDir } from './helpers/processes.ts';
import { DEMO_PASSWORD, startTestSystem, type TestSystem } from './helpers/system.ts';

// Art. 11: auditors read the record and check it through the API.

let t: TestSystem;
let dataDir: string;
let auditor: string;
let staff: string;

beforeAll(async () => {
  dataDir = tempDir('ledger-routes');
  t = await startTestSystem({ config: { dataDir } });
  const now = t.clock.now();
  await ensureStaffAccount(t.ctx.db, {
    username: 'ledger.auditor',
    roles: ['auditor'],
    password: DEMO_PASSWORD,
    now,
  });
  await ensureStaffAccount(t.ctx.db, {
    username: 'ledger.user',
    roles: ['dept_user'],
    password: DEMO_PASSWORD,
    now,
  });
  auditor = await t.login('ledger.auditor');
  staff = await t.login('ledger.user');
  for (let i = 1; i <= 12; i++) {
    await inTransaction(t.ctx, systemActor, async (tx) => {
      tx.record({ action: i % 3 ? 'test.route.a' : 'test.route.b', subject: `doc:${i % 4}`, details: { i } });
    });
  }
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const get = (token: string | null, url: string) => t.call(token, { method: 'GET', url });

describe('ledger API (Art. 11)', () => {
  it('pages the events newest first, with the names of the people behind them', async () => {
    const first = await get(auditor, '/api/v1/ledger/events?limit=5');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(5);
    const seqs = page.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.nextBeforeSeq).toBe(seqs[4]);
    const next = (await get(auditor, `/api/v1/ledger/events?limit=5&beforeSeq=${page.nextBeforeSeq}`)).json();
    expect(next.items[0].seq).toBe(seqs[4] - 1);
    // The logins above were recorded with the account's name and agency resolved.
    const logins = (await get(auditor, '/api/v1/ledger/events?action=auth.login&limit=200')).json();
    const mine = logins.items.find((e: { actor: string }) => e.actor === 'ledger.auditor');
    expect(mine).toMatchObject({ actorName: '测试ledger.auditor', action: 'auth.login' });
    expect(mine.agencyName).toEqual(expect.any(String));
    expect(mine.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters by action (exact or prefix) and by subject', async () => {
    const exact = (await get(auditor, '/api/v1/ledger/events?action=test.route.b')).json();
    expect(exact.items.map((e: { details: { i: number } }) => e.details.i)).toEqual([12, 9, 6, 3]);
    const prefix = (await get(auditor, '/api/v1/ledger/events?action=test.route.*')).json();
    expect(prefix.items).toHaveLength(12);
    expect(prefix.nextBeforeSeq).toBeNull();
    const subject = (await get(auditor, '/api/v1/ledger/events?subject=doc:1&action=test.route.*')).json();
    expect(subject.items.map((e: { details: { i: number } }) => e.details.i)).toEqual([9, 5, 1]);
  });

  it('reports the head and the last checkpoint', async () => {
    const before = (await get(auditor, '/api/v1/ledger/status')).json();
    expect(before.headSeq).toBeGreaterThan(12);
    expect(before.events).toBe(before.headSeq);
    expect(before.headHash).toMatch(/^[0-9a-f]{64}$/);
    await writeCheckpoint(t.ctx);
    const after = (await get(auditor, '/api/v1/ledger/status')).json();
    expect(after.lastCheckpoint).toEqual({ seq: before.headSeq, time: t.clock.now().toISOString() });
  });

  it('verifies the chain on request and records that the auditor did', async () => {
    const res = await t.call(auditor, { method: 'POST', url: '/api/v1/ledger/verify' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, checkpoints: 1, outsideCopies: 1 });
    expect(body.checked).toBe(body.headSeq);
    const rec = (await get(auditor, '/api/v1/ledger/events?action=ledger.verify')).json();
    expect(rec.items[0]).toMatchObject({
      actor: 'ledger.auditor',
      details: { ok: true, checked: body.checked },
    });
  });

  it('refuses readers without the ledger permissions (401 / 403)', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/ledger/events'],
      ['GET', '/api/v1/ledger/status'],
      ['POST', '/api/v1/ledger/verify'],
    ] as const) {
      expect((await t.call(null, { method, url })).statusCode).toBe(401);
      const res = await t.call(staff, { method, url });
      expect(res.statusCode).toBe(403);
      expect(res.json().title).toBe('无权访问');
    }
  });
});
