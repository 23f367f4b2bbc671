import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { inTransaction, systemActor } from '../kernel/context.ts';
import { hmacSm3Verify } from '../kernel/crypto/index.ts';
import { deliverWebhooks, WEBHOOK_RETRY_MINUTES } from './delivery.ts';
import { type NewMessage, sendMessage } from './service.ts';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let t: TestSystem;
let server: http.Server;
let base: string;
const received: Received[] = [];
/** Requests to /gate wait for this to resolve (set per test). */
let gate: Promise<void> = Promise.resolve();
let arrived: () => void = () => {};
const tokens: Record<string, string> = {};
const agencyOf: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestSystem();
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (req.url === '/gate') {
        arrived();
        await gate;
      }
      res.statusCode = req.url === '/fail' ? 500 : 200;
      res.end(req.url === '/fail' ? 'boom' : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const u of ['sheng.admin', 'hrb.admin', 'gat.user', 'gat.data', 'sysadmin']) {
    tokens[u] = await t.login(u);
    agencyOf[u] = (await t.call(tokens[u], { method: 'GET', url: '/api/v1/auth/me' })).json().user.agency.id;
  }
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  received.length = 0;
});

const hookUrl = (agencyId: number, tail = '') => `/api/v1/agencies/${agencyId}/webhook${tail}`;
// Sessions lapse while the clock moves hours ahead for the retries: log in again when one has.
async function call(who: string | null, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
  const res = await t.call(who ? tokens[who] : null, { method, url, payload });
  if (!who || res.statusCode !== 401) return res;
  tokens[who] = await t.login(who);
  return t.call(tokens[who], { method, url, payload });
}
const send = (m: NewMessage) => inTransaction(t.ctx, systemActor, (tx) => sendMessage(tx, m));
const deliveries = async (agencyId: number) =>
  (await call('sysadmin', 'GET', hookUrl(agencyId, '/deliveries'))).json().items;

describe('agency webhook', () => {
  let sheng: number;
  let secret: string;

  it('is set by the agency’s own admin, who sees its signing secret once', async () => {
    sheng = agencyOf['sheng.admin'];
    expect((await call('sheng.admin', 'GET', hookUrl(sheng))).statusCode).toBe(404);
    const bad = await call('sheng.admin', 'PUT', hookUrl(sheng), { url: 'ftp://x.example/', enabled: true });
    expect(bad.statusCode).toBe(400);
    const created = await call('sheng.admin', 'PUT', hookUrl(sheng), { url: `${base}/ok`, enabled: true });
    expect(created.statusCode).toBe(201);
    expect(created.json().secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const again = await call('sheng.admin', 'PUT', hookUrl(sheng), { url: `${base}/ok`, enabled: true });
    expect(again.statusCode).toBe(200);
    expect(again.json().secret).toBeUndefined();
    const got = await call('sheng.admin', 'GET', hookUrl(sheng));
    expect(got.json()).toMatchObject({ agencyId: sheng, url: `${base}/ok`, enabled: true, categories: null });
    expect(JSON.stringify(got.json())).not.toContain('whsec_');
    // Kept sealed: the secret never sits in the database in clear.
    const row = await t.ctx.db
      .selectFrom('agency_webhook')
      .select('secret_sealed')
      .where('agency_id', '=', sheng)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed.toString('latin1')).not.toContain(created.json().secret);
    const rotated = await call('sheng.admin', 'POST', hookUrl(sheng, '/rotate-secret'));
    expect(rotated.statusCode).toBe(200);
    secret = rotated.json().secret;
    expect(secret).not.toBe(created.json().secret);
  });

  it('pushes a message to the agency, signed with HMAC-SM3 over timestamp.body', async () => {
    const { id, deliveryId } = await send({
      to: { agencyId: sheng },
      category: 'warning',
      title: '目录更新已超期',
      body: '省公安厅目录更新超期 1 个工作日。',
      link: '/console/supervision',
    });
    expect(deliveryId).not.toBeNull();
    const run = await deliverWebhooks(t.ctx, 'proc-a');
    expect(run).toMatchObject({ attempted: 1, delivered: 1 });
    expect(received).toHaveLength(1);
    const r = received[0];
    const ts = r.headers['x-govdata-timestamp'] as string;
    expect(Number(ts)).toBe(Math.floor(t.clock.now().getTime() / 1000));
    const sig = r.headers['x-govdata-signature'] as string;
    expect(sig).toMatch(/^hmac-sm3=[0-9a-f]{64}$/);
    const mac = Buffer.from(sig.slice('hmac-sm3='.length), 'hex');
    expect(hmacSm3Verify(secret, `${ts}.${r.body}`, mac)).toBe(true);
    expect(hmacSm3Verify(`${secret}x`, `${ts}.${r.body}`, mac)).toBe(false);
    expect(JSON.parse(r.body)).toMatchObject({
      id,
      category: 'warning',
      title: '目录更新已超期',
      body: '省公安厅目录更新超期 1 个工作日。',
      link: '/console/supervision',
      agencyId: sheng,
      createdAt: t.clock.now().toISOString(),
    });
    const [d] = await deliveries(sheng);
    expect(d).toMatchObject({
      id: deliveryId,
      messageId: id,
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
    });
    expect(d.history).toHaveLength(1);
    const ledger = await t.ctx.db
      .selectFrom('ledger_event')
      .select(['action', 'agency'])
      .where('subject', '=', `webhook-delivery:${deliveryId}`)
      .execute();
    expect(ledger).toEqual([{ action: 'message.webhook.delivered', agency: String(sheng) }]);
    // Delivered once: nothing left to do.
    expect(await deliverWebhooks(t.ctx, 'proc-a')).toMatchObject({ attempted: 0 });
  });

  it('pushes a personal message to the agency passed along, and only the chosen categories', async () => {
    const me = (await call('sheng.admin', 'GET', '/api/v1/auth/me')).json().user;
    const personal = await send({
      to: { accountId: me.id, agencyId: sheng },
      category: 'todo',
      title: '待办',
      body: '',
    });
    expect(personal.deliveryId).not.toBeNull();
    await call('sheng.admin', 'PUT', hookUrl(sheng), {
      url: `${base}/ok`,
      enabled: true,
      categories: ['warning'],
    });
    expect(
      (await send({ to: { agencyId: sheng }, category: 'notice', title: '通知', body: '' })).deliveryId,
    ).toBeNull();
    expect(
      (await send({ to: { agencyId: sheng }, category: 'warning', title: '预警', body: '' })).deliveryId,
    ).not.toBeNull();
    await call('sheng.admin', 'PUT', hookUrl(sheng), { url: `${base}/ok`, enabled: false });
    expect(
      (await send({ to: { agencyId: sheng }, category: 'warning', title: '预警', body: '' })).deliveryId,
    ).toBeNull();
    // Queued before it was switched off: recorded as failed, nothing sent.
    expect(await deliverWebhooks(t.ctx, 'proc-a')).toMatchObject({ attempted: 2, failed: 2 });
    expect(received).toHaveLength(0);
    expect((await call('sheng.admin', 'POST', hookUrl(sheng, '/test'))).statusCode).toBe(409);
  });

  it('retries a failing endpoint on the backoff schedule, then records and ledgers the failure', async () => {
    await call('sheng.admin', 'PUT', hookUrl(sheng), { url: `${base}/fail`, enabled: true });
    const { deliveryId } = await send({
      to: { agencyId: sheng },
      category: 'notice',
      title: '重试',
      body: '',
    });
    const start = t.clock.now().getTime();
    let elapsed = 0;
    for (let n = 1; n <= WEBHOOK_RETRY_MINUTES.length + 1; n++) {
      expect(await deliverWebhooks(t.ctx, 'proc-a'), `attempt ${n}`).toMatchObject({ attempted: 1 });
      const d = (await deliveries(sheng)).find((x: { id: number }) => x.id === deliveryId);
      expect(d).toMatchObject({
        attempts: n,
        lastStatusCode: 500,
        lastError: 'HTTP 500 Internal Server Error',
      });
      if (n > WEBHOOK_RETRY_MINUTES.length) {
        expect(d).toMatchObject({ status: 'failed', nextAttemptAt: null });
        break;
      }
      const wait = WEBHOOK_RETRY_MINUTES[n - 1];
      expect(d.status).toBe('pending');
      expect(Date.parse(d.nextAttemptAt) - start).toBe((elapsed + wait) * 60_000);
      // Not due yet: a minute early, nothing is sent.
      t.clock.advanceMinutes(wait - 1);
      expect(await deliverWebhooks(t.ctx, 'proc-a')).toMatchObject({ attempted: 0 });
      t.clock.advanceMinutes(1);
      elapsed += wait;
    }
    expect(received.filter((r) => r.path === '/fail')).toHaveLength(6);
    const d = (await deliveries(sheng)).find((x: { id: number }) => x.id === deliveryId);
    expect(d.history.map((h: { attempt: number }) => h.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    const ledger = await t.ctx.db
      .selectFrom('ledger_event')
      .select(['action', 'details'])
      .where('subject', '=', `webhook-delivery:${deliveryId}`)
      .execute();
    expect(ledger).toEqual([
      {
        action: 'message.webhook.failed',
        details: expect.objectContaining({ attempts: 6, statusCode: 500 }),
      },
    ]);
    expect(await deliverWebhooks(t.ctx, 'proc-a')).toMatchObject({ attempted: 0 });
  });

  it('a second concurrent delivery job does not deliver twice', async () => {
    await call('sheng.admin', 'PUT', hookUrl(sheng), { url: `${base}/gate`, enabled: true });
    let open: () => void = () => {};
    gate = new Promise((r) => {
      open = r;
    });
    const reached = new Promise<void>((r) => {
      arrived = r;
    });
    const queued = await call('sheng.admin', 'POST', hookUrl(sheng, '/test'));
    expect(queued.statusCode).toBe(202);
    const a = deliverWebhooks(t.ctx, 'proc-a');
    await reached;
    // While proc-a is mid-send, proc-b finds the lease taken.
    expect(await deliverWebhooks(t.ctx, 'proc-b')).toBeNull();
    open();
    expect(await a).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await deliverWebhooks(t.ctx, 'proc-b')).toMatchObject({ attempted: 0 });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body)).toMatchObject({ id: null, test: true, agencyId: sheng });
    const [d] = await deliveries(sheng);
    expect(d).toMatchObject({ id: queued.json().deliveryId, test: true, status: 'delivered', attempts: 1 });
  });

  it('another agency’s admin gets 403 on every webhook route; a system administrator may manage any', async () => {
    const routes: ['GET' | 'PUT' | 'POST', string, object?][] = [
      ['GET', hookUrl(sheng)],
      ['PUT', hookUrl(sheng), { url: `${base}/ok`, enabled: true }],
      ['POST', hookUrl(sheng, '/rotate-secret')],
      ['POST', hookUrl(sheng, '/test')],
      ['GET', hookUrl(sheng, '/deliveries')],
    ];
    for (const [method, url, payload] of routes) {
      const wrongAgency = await call('hrb.admin', method, url, payload);
      expect(wrongAgency.statusCode, `${method} ${url}`).toBe(403);
      expect(wrongAgency.json().title).toBe('无权访问');
      // A department user lacks the permission altogether, even for its own agency.
      expect(
        (await call('gat.user', method, hookUrl(agencyOf['gat.user'], url.split('/webhook')[1]), payload))
          .statusCode,
      ).toBe(403);
      expect((await call(null, method, url, payload)).statusCode).toBe(401);
    }
    expect((await call('sysadmin', 'GET', hookUrl(sheng))).statusCode).toBe(200);
    const gat = agencyOf['gat.data'];
    const forGat = await call('sysadmin', 'PUT', hookUrl(gat), { url: `${base}/ok`, enabled: true });
    expect(forGat.statusCode).toBe(201);
    expect((await call('hrb.admin', 'GET', hookUrl(agencyOf['hrb.admin']))).statusCode).toBe(404);
  });
});
