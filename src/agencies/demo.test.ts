import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { loadDemoProvince } from './demo.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';
import { createAdministrator } from './init.ts';
import { checkPasswordPolicy } from './passwords.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const count = async (table: 'agency' | 'account' | 'agency_officer') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Empties the directory (the ledger stays: it is append-only). */
async function wipeDirectory() {
  await t.ctx.db.deleteFrom('session').execute();
  await t.ctx.db.deleteFrom('account_role').execute();
  await t.ctx.db.deleteFrom('account').execute();
  await t.ctx.db.deleteFrom('agency_officer').execute();
  await t.ctx.db.deleteFrom('agency').execute();
}

describe('demo province', () => {
  it('lists every demo account with a Chinese description, and each can log in', async () => {
    const names = DEMO_ACCOUNTS.map((a) => a.username);
    for (const u of [
      'sheng.admin',
      'sheng.reviewer',
      'hrb.admin',
      'dq.admin',
      'gat.data',
      'mzt.data',
      'rst.data',
    ]) {
      expect(names).toContain(u);
    }
    for (const u of [
      'hrb.gaj.data',
      'gat.user',
      'auditor',
      'sysadmin',
      'secadmin',
      'auditadmin',
      'public.demo',
    ]) {
      expect(names).toContain(u);
    }
    for (const a of DEMO_ACCOUNTS) {
      expect(a.description).toMatch(/[\u4e00-\u9fa5]/);
      const res = await t.call(null, {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: a.username, password: 'Demo#2026hlj' },
      });
      expect(res.statusCode, a.username).toBe(200);
      expect(res.json().mustChangePassword, a.username).toBe(false);
    }
  });

  it('puts the 三员 on the provincial authority, each alone in its role', async () => {
    for (const [u, role] of [
      ['sysadmin', 'sys_admin'],
      ['secadmin', 'security_admin'],
      ['auditadmin', 'audit_admin'],
    ]) {
      const token = await t.login(u);
      const me = (await t.call(token, { method: 'GET', url: '/api/v1/auth/me' })).json().user;
      expect(me.roles.map((r: { code: string }) => r.code)).toEqual([role]);
      expect(me.agency.name).toBe('黑龙江省政务数据主管部门');
    }
  });

  it('was recorded as one demo.load event with counts', async () => {
    const ev = await t.ctx.db
      .selectFrom('ledger_event')
      .selectAll()
      .where('action', '=', 'demo.load')
      .execute();
    expect(ev).toHaveLength(1);
    expect(ev[0].details).toEqual({
      authorities: 18,
      departments: 24,
      coordination: 1,
      officers: await count('agency_officer'),
      accounts: DEMO_ACCOUNTS.length,
    });
  });

  it('loads only into an empty database', async () => {
    const before = await count('agency');
    expect(await loadDemoProvince(t.ctx, 'Demo#2026hlj')).toBe(false);
    expect(await count('agency')).toBe(before);
  });
});

describe('govdata init: the first system administrator', () => {
  it('refuses while a system administrator exists, in Chinese', async () => {
    await expect(createAdministrator(t.ctx, 'admin2', '管理员')).rejects.toMatchObject({
      status: 409,
      title: '系统管理员已存在',
    });
  });

  it('on an empty directory creates the provincial authority and a sys_admin with a one-time password', async () => {
    await wipeDirectory();
    const r = await createAdministrator(t.ctx, 'root.admin', '首任系统管理员');
    expect(r.agencyName).toBe('黑龙江省政务数据主管部门');
    expect(checkPasswordPolicy('root.admin', r.password)).toEqual([]);
    expect(await count('agency')).toBe(1);
    const token = await t.login('root.admin', r.password);
    const me = (await t.call(token, { method: 'GET', url: '/api/v1/auth/me' })).json().user;
    expect(me).toMatchObject({ mustChangePassword: true, roles: [{ code: 'sys_admin' }] });
    const blocked = await t.call(token, { method: 'GET', url: '/api/v1/accounts' });
    expect(blocked.json().title).toBe('请先修改密码');
    const ev = await t.ctx.db
      .selectFrom('ledger_event')
      .select('details')
      .where('action', '=', 'account.init')
      .execute();
    expect(ev).toHaveLength(1);
    expect(JSON.stringify(ev)).not.toContain(r.password);
    await expect(createAdministrator(t.ctx, 'root.admin2', 'x')).rejects.toMatchObject({ status: 409 });
  });

  it('the demo loads again into a wiped directory, with the password given', async () => {
    await wipeDirectory();
    expect(await loadDemoProvince(t.ctx, 'Another#Pass2026')).toBe(true);
    expect(await count('agency')).toBe(43);
    await t.login('hrb.admin', 'Another#Pass2026');
  });
});
