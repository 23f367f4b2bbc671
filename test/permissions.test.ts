import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../src/agencies/roles.ts';
import type { RouteEntry } from '../src/http/auth-plugin.ts';
import { startTestSystem, type TestSystem } from './helpers/system.ts';

// Generated from Fastify's route table: every /api route declares a permission, and each
// protected one is tried with no login (401) and with a role that lacks it (403).
// Scoped routes (one agency's or region's resource) are tried by their module's own tests with
// the right role from an unrelated agency or region; SCOPED below names where.

const CANDIDATES = [
  'gat.user',
  'gat.data',
  'sheng.reviewer',
  'auditor',
  'hrb.admin',
  'sysadmin',
  'secadmin',
  'auditadmin',
  'public.demo',
];

let t: TestSystem;
let routes: RouteEntry[];
const tokens = new Map<string, string>();
const perms = new Map<string, string[]>();

beforeAll(async () => {
  t = await startTestSystem();
  routes = t.app.routeTable.filter((r) => r.method !== 'HEAD');
  for (const u of CANDIDATES) {
    tokens.set(u, await t.login(u));
    const me = await t.call(tokens.get(u)!, { method: 'GET', url: '/api/v1/auth/me' });
    perms.set(u, me.json().user.permissions);
  }
});
afterAll(() => t.close());

const sample = (url: string) =>
  url.replace(/:(\w+)/g, (_m, name: string) => (name === 'year' ? '2026' : '1'));

describe('route permissions (generated from the route table)', () => {
  it('every API route declares a permission', () => {
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('every protected route answers 401 without a login', async () => {
    for (const r of routes.filter((x) => x.permission !== 'public')) {
      const res = await t.call(null, {
        method: r.method as 'GET',
        url: sample(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().title).toBe('未登录或会话已过期');
    }
  });

  it('every permission-guarded route answers 403 to a role without the permission', async () => {
    for (const r of routes.filter((x) => x.permission !== 'public' && x.permission !== 'authenticated')) {
      const wrong = CANDIDATES.find((u) => !perms.get(u)!.includes(r.permission));
      expect(wrong, `no demo account lacks ${r.permission}`).toBeDefined();
      const res = await t.call(tokens.get(wrong!)!, {
        method: r.method as 'GET',
        url: sample(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url} as ${wrong}`).toBe(403);
      expect(res.json().title).toBe('无权访问');
    }
  });

  it('the role table and the demo accounts agree', () => {
    expect(perms.get('public.demo')).toEqual([]);
    expect(perms.get('sysadmin')).toEqual(permissionsOf(['sys_admin']));
  });
});
