import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';

// Every protected route of this module: no login → 401, a role without the permission → 403, and
// where the resource belongs to a region, the right role from another region → 403/404.
// account.manage and role.assign belong to the 三员, who work province-wide: no region to be outside.

let t: TestSystem;
const tokens: Record<string, string> = {};
let hrbAgency: number;
let hrbAccount: number;

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['dq.admin', 'gat.data', 'auditor', 'public.demo']) tokens[u] = await t.login(u);
  hrbAgency = (
    await t.ctx.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '哈尔滨市公安局')
      .executeTakeFirstOrThrow()
  ).id;
  hrbAccount = (
    await t.ctx.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'hrb.gaj.data')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

interface Case {
  method: 'GET' | 'POST' | 'PUT';
  /** :agency is 哈尔滨市公安局, :account is hrb.gaj.data. */
  path: string;
  payload?: () => Record<string, unknown>;
  wrongRole: string;
  /** The right role, but from an unrelated region, and what it gets. */
  unrelated?: { user: string; status: 403 | 404 };
}

const CASES: Case[] = [
  {
    method: 'POST',
    path: '/api/v1/agencies',
    payload: () => ({
      name: '哈尔滨市体育局',
      shortName: '哈尔滨市体育局',
      kind: 'department',
      regionCode: '230100',
    }),
    wrongRole: 'gat.data',
    unrelated: { user: 'dq.admin', status: 403 },
  },
  {
    method: 'PUT',
    path: '/api/v1/agencies/:agency',
    payload: () => ({ displayOrder: 1 }),
    wrongRole: 'auditor',
    unrelated: { user: 'dq.admin', status: 403 },
  },
  {
    method: 'PUT',
    path: '/api/v1/agencies/:agency/officers',
    payload: () => ({ officers: [{ name: '某某', title: '数据管理员' }] }),
    wrongRole: 'public.demo',
    unrelated: { user: 'dq.admin', status: 403 },
  },
  { method: 'GET', path: '/api/v1/roles', wrongRole: 'gat.data' },
  { method: 'GET', path: '/api/v1/accounts', wrongRole: 'auditor' },
  {
    method: 'GET',
    path: '/api/v1/accounts/:account',
    wrongRole: 'gat.data',
    unrelated: { user: 'dq.admin', status: 404 },
  },
  {
    method: 'POST',
    path: '/api/v1/accounts',
    payload: () => ({ username: 'new.user', displayName: '新用户', agencyId: hrbAgency }),
    wrongRole: 'dq.admin',
  },
  {
    method: 'PUT',
    path: '/api/v1/accounts/:account/roles',
    payload: () => ({ roles: ['dept_user'] }),
    wrongRole: 'dq.admin',
  },
  ...(['disable', 'enable', 'unlock', 'reset-password'] as const).map(
    (a): Case => ({ method: 'POST', path: `/api/v1/accounts/:account/${a}`, wrongRole: 'dq.admin' }),
  ),
];

describe('access to the agencies and accounts routes', () => {
  it.each(CASES.map((c) => [`${c.method} ${c.path}`, c] as const))('%s', async (_name, c) => {
    const url = c.path.replace(':agency', String(hrbAgency)).replace(':account', String(hrbAccount));
    const opts = { method: c.method, url, payload: c.payload?.() };
    const anon = await t.call(null, opts);
    expect(anon.statusCode, 'no login').toBe(401);
    const wrong = await t.call(tokens[c.wrongRole], opts);
    expect(wrong.statusCode, `as ${c.wrongRole}`).toBe(403);
    if (c.unrelated) {
      const other = await t.call(tokens[c.unrelated.user], opts);
      expect(other.statusCode, `as ${c.unrelated.user}`).toBe(c.unrelated.status);
    }
  });

  it('keeps the public routes open: regions, the agency directory, registration', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/regions' })).statusCode).toBe(200);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/agencies' })).statusCode).toBe(200);
    expect((await t.call(null, { method: 'GET', url: `/api/v1/agencies/${hrbAgency}` })).statusCode).toBe(
      200,
    );
    const reg = await t.call(null, { method: 'POST', url: '/api/v1/public/register', payload: {} });
    expect(reg.statusCode).toBe(400);
  });
});
