import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { checkPasswordPolicy } from './passwords.ts';

let t: TestSystem;
const tokens: Record<string, string> = {};
let agencyIds: Map<string, number>;
let accountIds: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['sheng.admin', 'hrb.admin', 'dq.admin', 'sysadmin', 'secadmin', 'auditor', 'gat.data']) {
    tokens[u] = await t.login(u);
  }
  const agencies = await t.ctx.db.selectFrom('agency').select(['id', 'name']).execute();
  agencyIds = new Map(agencies.map((a) => [a.name, a.id]));
  const accounts = await t.ctx.db.selectFrom('account').select(['id', 'username']).execute();
  accountIds = new Map(accounts.map((a) => [a.username, a.id]));
});
afterAll(() => t.close());

type Opts = Parameters<TestSystem['call']>[1];
const as = (user: string | null, o: Opts) => t.call(user ? tokens[user] : null, o);
const usernames = (body: { items: { username: string }[] }) => body.items.map((a) => a.username).sort();
const ledger = (subject: string) =>
  t.ctx.db
    .selectFrom('ledger_event')
    .select(['action', 'actor', 'details'])
    .where('subject', '=', subject)
    .orderBy('seq')
    .execute();

describe('account list (account.read), scoped by Art. 5 supervision', () => {
  it('shows the 哈尔滨 admin only 哈尔滨 accounts, the 大庆 admin none of them', async () => {
    const hrb = (await as('hrb.admin', { method: 'GET', url: '/api/v1/accounts' })).json();
    expect(usernames(hrb)).toEqual(['hrb.admin', 'hrb.gaj.data']);
    const dq = (await as('dq.admin', { method: 'GET', url: '/api/v1/accounts' })).json();
    expect(usernames(dq)).toEqual(['dq.admin']);
    const one = await as('dq.admin', {
      method: 'GET',
      url: `/api/v1/accounts/${accountIds.get('hrb.gaj.data')}`,
    });
    expect(one.statusCode).toBe(404);
  });

  it('shows the provincial admin the whole province but no public accounts', async () => {
    const body = (await as('sheng.admin', { method: 'GET', url: '/api/v1/accounts' })).json();
    expect(usernames(body)).toContain('hrb.gaj.data');
    expect(usernames(body)).toContain('sysadmin');
    expect(usernames(body)).not.toContain('public.demo');
  });

  it('shows the system and security administrators every account, with roles and lock state', async () => {
    const body = (await as('secadmin', { method: 'GET', url: '/api/v1/accounts' })).json();
    expect(body.total).toBeGreaterThanOrEqual(14);
    const gat = body.items.find((a: { username: string }) => a.username === 'gat.data');
    expect(gat).toMatchObject({
      displayName: '孙海涛',
      kind: 'staff',
      agencyName: '黑龙江省公安厅',
      roles: [{ code: 'data_officer', name: '数据管理员' }],
      locked: false,
    });
    expect(gat.lastLoginAt).not.toBeNull();
    const filtered = (await as('sysadmin', { method: 'GET', url: '/api/v1/accounts?kind=public' })).json();
    expect(usernames(filtered)).toEqual(['public.demo']);
    const q = (
      await as('sysadmin', { method: 'GET', url: `/api/v1/accounts?q=${encodeURIComponent('孙海')}` })
    ).json();
    expect(usernames(q)).toEqual(['gat.data']);
  });

  it('refuses no login (401) and a role without account.read (403)', async () => {
    expect((await as(null, { method: 'GET', url: '/api/v1/accounts' })).statusCode).toBe(401);
    expect((await as('auditor', { method: 'GET', url: '/api/v1/accounts' })).statusCode).toBe(403);
    expect((await as('gat.data', { method: 'GET', url: '/api/v1/roles' })).statusCode).toBe(403);
    const roles = (await as('secadmin', { method: 'GET', url: '/api/v1/roles' })).json().items;
    expect(roles.find((r: { code: string }) => r.code === 'sys_admin')).toMatchObject({
      separatedAdmin: true,
    });
  });
});

describe('三员分立: the system administrator creates accounts, the security administrator grants roles', () => {
  let newId: number;
  let oneTime: string;

  it('creates an account with a one-time password that must be changed at first login', async () => {
    const res = await as('sysadmin', {
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'hrb.mzj.data', displayName: '邵红', agencyId: agencyIds.get('哈尔滨市民政局') },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.account).toMatchObject({ username: 'hrb.mzj.data', roles: [], mustChangePassword: true });
    oneTime = body.oneTimePassword;
    expect(checkPasswordPolicy('hrb.mzj.data', oneTime)).toEqual([]);
    newId = body.account.id;
    const token = await t.login('hrb.mzj.data', oneTime);
    const blocked = await t.call(token, { method: 'GET', url: '/api/v1/accounts' });
    expect(blocked.json()).toMatchObject({ status: 403, title: '请先修改密码' });
    const me = (await t.call(token, { method: 'GET', url: '/api/v1/auth/me' })).json();
    expect(me.user.mustChangePassword).toBe(true);
    expect((await ledger(`account:${newId}`))[0]).toMatchObject({
      action: 'account.create',
      actor: 'sysadmin',
    });
    // The password is not kept anywhere readable: the ledger names the account, not the secret.
    expect(JSON.stringify(await ledger(`account:${newId}`))).not.toContain(oneTime);
  });

  it('refuses a taken username (409) and a malformed one (400)', async () => {
    const agencyId = agencyIds.get('哈尔滨市民政局');
    const taken = await as('sysadmin', {
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'gat.data', displayName: 'x', agencyId },
    });
    expect(taken.statusCode).toBe(409);
    const bad = await as('sysadmin', {
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { username: 'Bad Name', displayName: 'x', agencyId },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('username');
  });

  it('lets neither the authority admin nor the security admin create accounts (403)', async () => {
    for (const u of ['sheng.admin', 'secadmin']) {
      const res = await as(u, {
        method: 'POST',
        url: '/api/v1/accounts',
        payload: { username: 'x.user', displayName: 'x', agencyId: 1 },
      });
      expect(res.statusCode, u).toBe(403);
    }
  });

  it('lets the security administrator grant roles, ledgered with before and after', async () => {
    const res = await as('secadmin', {
      method: 'PUT',
      url: `/api/v1/accounts/${newId}/roles`,
      payload: { roles: ['data_officer'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual([{ code: 'data_officer', name: '数据管理员' }]);
    const ev = (await ledger(`account:${newId}`)).at(-1);
    expect(ev).toMatchObject({
      action: 'account.roles.set',
      actor: 'secadmin',
      details: { before: [], after: ['data_officer'] },
    });
  });

  it('refuses role assignment by the system administrator or an authority admin (403)', async () => {
    for (const u of ['sysadmin', 'sheng.admin']) {
      const res = await as(u, {
        method: 'PUT',
        url: `/api/v1/accounts/${newId}/roles`,
        payload: { roles: ['dept_user'] },
      });
      expect(res.statusCode, u).toBe(403);
    }
  });

  it('refuses to combine the 三员 roles, naming them, and changes nothing', async () => {
    const target = accountIds.get('auditor')!;
    const res = await as('secadmin', {
      method: 'PUT',
      url: `/api/v1/accounts/${target}/roles`,
      payload: { roles: ['sys_admin', 'audit_admin'] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().title).toBe('违反三员分立');
    expect(res.json().detail).toContain('系统管理员');
    expect(res.json().detail).toContain('审计管理员');
    const roles = await t.ctx.db
      .selectFrom('account_role')
      .select('role')
      .where('account_id', '=', target)
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['auditor']);
  });

  it('Art. 5: grants authority roles only to accounts of a data authority', async () => {
    const res = await as('secadmin', {
      method: 'PUT',
      url: `/api/v1/accounts/${newId}/roles`,
      payload: { roles: ['authority_reviewer'] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ article: 'Art. 5' });
    expect(res.json().detail).toContain('目录审核员');
    const pub = await as('secadmin', {
      method: 'PUT',
      url: `/api/v1/accounts/${accountIds.get('public.demo')}/roles`,
      payload: { roles: ['dept_user'] },
    });
    expect(pub.statusCode).toBe(422);
    const unknown = await as('secadmin', {
      method: 'PUT',
      url: `/api/v1/accounts/${newId}/roles`,
      payload: { roles: ['superuser'] },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses a security administrator changing its own roles', async () => {
    const res = await as('secadmin', {
      method: 'PUT',
      url: `/api/v1/accounts/${accountIds.get('secadmin')}/roles`,
      payload: { roles: ['security_admin', 'auditor'] },
    });
    expect(res.statusCode).toBe(403);
  });

  it('disables an account (its sessions end), enables it again, ledgered', async () => {
    const token = await t.login('gat.user');
    const id = accountIds.get('gat.user');
    const res = await as('sysadmin', { method: 'POST', url: `/api/v1/accounts/${id}/disable` });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await t.call(token, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await expect(t.login('gat.user')).rejects.toThrow(/401/);
    await as('sysadmin', { method: 'POST', url: `/api/v1/accounts/${id}/enable` });
    await t.login('gat.user');
    expect((await ledger(`account:${id}`)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['account.disable', 'account.enable']),
    );
    const self = await as('sysadmin', {
      method: 'POST',
      url: `/api/v1/accounts/${accountIds.get('sysadmin')}/disable`,
    });
    expect(self.statusCode).toBe(422);
  });

  it('unlocks an account locked by failed logins', async () => {
    for (let i = 0; i < 5; i++) {
      await t.call(null, {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'mzt.data', password: 'x' },
      });
    }
    const id = accountIds.get('mzt.data');
    const locked = (await as('sysadmin', { method: 'GET', url: `/api/v1/accounts/${id}` })).json();
    expect(locked.locked).toBe(true);
    const res = await as('sysadmin', { method: 'POST', url: `/api/v1/accounts/${id}/unlock` });
    expect(res.json().locked).toBe(false);
    await t.login('mzt.data');
  });

  it('resets a password to a new one-time password that must be changed', async () => {
    const id = accountIds.get('rst.data');
    const res = await as('sysadmin', { method: 'POST', url: `/api/v1/accounts/${id}/reset-password` });
    expect(res.statusCode).toBe(200);
    const token = await t.login('rst.data', res.json().oneTimePassword);
    const other = await t.call(token, { method: 'GET', url: '/api/v1/accounts' });
    expect(other.statusCode).toBe(403);
    expect(other.json().title).toBe('请先修改密码');
  });

  it('refuses the management routes without login (401) and to the wrong role (403)', async () => {
    const id = accountIds.get('gat.user');
    for (const action of ['disable', 'enable', 'unlock', 'reset-password']) {
      const url = `/api/v1/accounts/${id}/${action}`;
      expect((await as(null, { method: 'POST', url })).statusCode, action).toBe(401);
      expect((await as('secadmin', { method: 'POST', url })).statusCode, action).toBe(403);
      expect((await as('sheng.admin', { method: 'POST', url })).statusCode, action).toBe(403);
    }
    const roles = await as(null, {
      method: 'PUT',
      url: `/api/v1/accounts/${id}/roles`,
      payload: { roles: [] },
    });
    expect(roles.statusCode).toBe(401);
  });
});
