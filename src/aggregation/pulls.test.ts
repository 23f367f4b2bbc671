import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';
import { HEADER, people, publishEntry } from './aggregation.test-helpers.ts';
import { runDuePulls } from './pulls.ts';

// Art. 18 定时拉取: a dataset pulled on a schedule from a department's HTTP JSON interface (a real
// local server here), each run an ordinary load; the token it needs is stored sealed and never shown;
// only allow-listed hosts; a failure is noted and messaged; the schedule moves with the clock.

let h: Harness;
let datasetId: number;
let server: http.Server;
let base: string;
/** What the interface answers next: rows, or an HTTP status. */
let serve: { rows: string[][] } | { status: number } | { redirect: string } = { rows: people(300) };
const seen: { auth?: string }[] = [];

const body = (rows: string[][]) =>
  JSON.stringify({
    code: 0,
    data: { records: rows.map((r) => Object.fromEntries(HEADER.map((k, i) => [k, r[i]]))) },
  });

const call = (user: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  h.t.call(h.token[user], { method, url, payload: payload as never });
const pullUrl = () => `/api/v1/aggregation/datasets/${datasetId}/pull`;
const config = (over: Record<string, unknown> = {}) => ({
  url: `${base}/records`,
  kind: 'full',
  everyMinutes: 60,
  arrayPath: 'data.records',
  headers: { Authorization: 'Bearer s3cr3t-token' },
  ...over,
});
const counts = async () =>
  (
    await sql<{ loads: number; pulls: number }>`select (select count(*)::int from agg_load) as loads,
      (select count(*)::int from agg_pull) as pulls`.execute(h.t.ctx.db)
  ).rows[0];
const loadsOf = () =>
  h.t.ctx.db
    .selectFrom('agg_load')
    .select(['id', 'status', 'source', 'rows_accepted'])
    .where('dataset_id', '=', datasetId)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ auth: req.headers.authorization });
    if ('status' in serve) {
      res.writeHead(serve.status).end();
    } else if ('redirect' in serve) {
      res.writeHead(302, { location: serve.redirect }).end();
    } else {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body(serve.rows));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h = await startHarness();
  h.t.config.pullHosts = ['127.0.0.1'];
  await h.login('gat.data', 'sheng.reviewer', 'mzt.data', 'auditor');
  h.at('2026-03-02T10:00');
  const entry = await publishEntry(h, 'gat.data', 'sheng.reviewer');
  datasetId = ok(
    await call('gat.data', 'POST', '/api/v1/aggregation/datasets', {
      entryId: entry.id,
      keyItems: [entry.codes.公民身份号码],
    }),
    201,
  ).id;
});
afterAll(async () => {
  await h.t.close();
  await new Promise((r) => server.close(r));
});

describe('scheduled pulls (Art. 18)', () => {
  it('refuses bad settings with Chinese field messages and saves nothing', async () => {
    const before = await counts();
    for (const [over, field, text] of [
      [{ url: 'ftp://127.0.0.1/x' }, 'url', /http 或 https/],
      [{ url: 'http://user:pw@127.0.0.1/x' }, 'url', /用户名或口令/],
      [{ url: 'http://10.0.0.8/records' }, 'url', /不在允许拉取的地址清单/],
      [{ everyMinutes: 5 }, 'everyMinutes', /15 分钟/],
      [{ headers: { 'X Bad': 'v' } }, 'headers.X Bad', /请求头名称/],
      [{ headers: { Authorization: '令牌' } }, 'headers.Authorization', /可见 ASCII/],
    ] as const) {
      const res = await call('gat.data', 'PUT', pullUrl(), config(over));
      expect(res.statusCode, `${JSON.stringify(over)} ${res.body}`).toBe(400);
      const errors = res.json().errors as { field: string; message: string }[];
      expect(errors.find((e) => e.field === field)?.message).toMatch(text);
    }
    expect(await counts()).toEqual(before);
  });

  it('lets only the provider set it up; others may not (403)', async () => {
    // Another department does not learn the dataset exists (404, as for the dataset itself).
    expect((await call('mzt.data', 'PUT', pullUrl(), config())).statusCode).toBe(404);
    expect((await call('sheng.reviewer', 'PUT', pullUrl(), config())).statusCode).toBe(403);
    expect((await call('auditor', 'PUT', pullUrl(), config())).statusCode).toBe(403);
    expect((await call('mzt.data', 'GET', pullUrl())).statusCode).toBe(404);
  });

  it('stores the token sealed, shows only its name, and runs at the next tick as an ordinary load', async () => {
    const { pull } = ok(await call('gat.data', 'PUT', pullUrl(), config()));
    expect(pull.headerNames).toEqual(['Authorization']);
    expect(JSON.stringify(pull)).not.toContain('s3cr3t');
    const stored = await h.t.ctx.db.selectFrom('agg_pull').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(stored.headers_sealed!).toString('latin1')).not.toContain('s3cr3t');
    // The reviewing authority sees the pull (not the token).
    expect(ok(await call('sheng.reviewer', 'GET', pullUrl())).pull.url).toBe(`${base}/records`);

    expect(await runDuePulls(h.t.ctx)).toBe(1);
    expect(seen.at(-1)?.auth).toBe('Bearer s3cr3t-token');
    const loads = await loadsOf();
    expect(loads).toMatchObject([{ status: 'committed', source: 'pull', rows_accepted: 300 }]);
    const after = ok(await call('gat.data', 'GET', pullUrl())).pull;
    expect(after).toMatchObject({ lastLoadId: String(loads[0].id), lastError: null });
    expect(after.nextRunAt).toBe(new Date('2026-03-02T03:00:00Z').toISOString());
    // Not due again before its hour.
    expect(await runDuePulls(h.t.ctx)).toBe(0);
    h.at('2026-03-02T10:59');
    expect(await runDuePulls(h.t.ctx)).toBe(0);
  });

  it('runs again an interval later; a full pull missing a third of the rows waits for confirmation', async () => {
    serve = { rows: people(200) };
    h.at('2026-03-02T11:00');
    expect(await runDuePulls(h.t.ctx)).toBe(1);
    expect((await loadsOf()).at(-1)).toMatchObject({ status: 'awaiting_confirmation' });
    const held = (await loadsOf()).at(-1)!;
    ok(
      await call('gat.data', 'POST', `/api/v1/aggregation/datasets/${datasetId}/loads/${held.id}/cancel`),
      200,
    );
  });

  it('notes a failing interface on the pull, in the ledger and in a message to the provider', async () => {
    serve = { status: 503 };
    h.at('2026-03-02T12:00');
    expect(await runDuePulls(h.t.ctx)).toBe(1);
    const { pull } = ok(await call('gat.data', 'GET', pullUrl()));
    expect(pull.lastError).toMatch(/HTTP 503/);
    const msgs = ok(await call('gat.data', 'GET', '/api/v1/messages?pageSize=5')).items as {
      title: string;
    }[];
    expect(msgs.map((m) => m.title)).toContain('数据集「户籍人口登记信息」定时拉取失败');
    const ledger = await sql<{ n: number }>`select count(*)::int as n from ledger_event
      where action = 'aggregation.pull.fail'`.execute(h.t.ctx.db);
    expect(ledger.rows[0].n).toBe(1);
  });

  it('does not follow a redirect (it could lead past the allow-list)', async () => {
    serve = { redirect: 'http://10.0.0.8/records' };
    h.at('2026-03-02T13:00');
    expect(await runDuePulls(h.t.ctx)).toBe(1);
    expect(ok(await call('gat.data', 'GET', pullUrl())).pull.lastError).toMatch(/无法从数据接口读取数据/);
  });

  it('runs at once on request (202 with the load), and keeps the token when settings change without it', async () => {
    serve = { rows: people(310) };
    ok(await call('gat.data', 'PUT', pullUrl(), { ...config({ kind: 'incremental' }), headers: undefined }));
    const res = await call('gat.data', 'POST', `${pullUrl()}/run`);
    expect(res.statusCode).toBe(202);
    const loadId = res.json().loadId as string;
    await vi.waitFor(
      async () => {
        const l = ok(
          await call('gat.data', 'GET', `/api/v1/aggregation/datasets/${datasetId}/loads/${loadId}`),
        );
        expect(l.status).toBe('committed');
        expect(l.rowsAdded).toBe(10);
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(seen.at(-1)?.auth).toBe('Bearer s3cr3t-token');
    // The schedule starts again from the run asked for: the job does not pull again at once.
    expect(ok(await call('gat.data', 'GET', pullUrl())).pull.nextRunAt).toBe(
      new Date(h.t.clock.now().getTime() + 3_600_000).toISOString(),
    );
    expect(await runDuePulls(h.t.ctx)).toBe(0);
    expect((await call('mzt.data', 'POST', `${pullUrl()}/run`)).statusCode).toBe(404);
    expect((await call('sheng.reviewer', 'POST', `${pullUrl()}/run`)).statusCode).toBe(403);
  });

  it('stops when removed', async () => {
    expect((await call('gat.data', 'DELETE', pullUrl())).statusCode).toBe(204);
    h.at('2026-03-03T10:00');
    expect(await runDuePulls(h.t.ctx)).toBe(0);
    expect(ok(await call('gat.data', 'GET', pullUrl())).pull).toBeNull();
  });
});
