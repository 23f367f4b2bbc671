import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './helpers/system.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

describe('kernel smoke', () => {
  it('answers /healthz with the database kind and schema version', async () => {
    const res = await t.call(null, { method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    });
  });
  it('exposes Prometheus metrics including request durations', async () => {
    await t.call(null, { method: 'GET', url: '/healthz' });
    const res = await t.call(null, { method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('govdata_http_request_duration_seconds_bucket');
    expect(res.body).toContain('govdata_process_cpu_seconds_total');
  });
  it('returns problem+json in Chinese for an unknown API path', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().title).toBe('资源不存在');
  });
  it('rejects a malformed login with every invalid field listed', async () => {
    const res = await t.call(null, { method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.title).toBe('请求参数不合法');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['password', 'username']);
  });
});
