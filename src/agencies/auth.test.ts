import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_EPOCH } from '../../test/helpers/env.ts';
import { DEMO_PASSWORD, startTestSystem, type TestSystem } from '../../test/helpers/system.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const login = (username: string, password = DEMO_PASSWORD) =>
  t.call(null, { method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const me = (token: string) => t.call(token, { method: 'GET', url: '/api/v1/auth/me' });

describe('login and sessions (等保 level 3 habits, Ch. 7)', () => {
  it('returns a token usable as a bearer', async () => {
    const res = await login('gat.data');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mustChangePassword: false, user: { username: 'gat.data' } });
    const who = await me(res.json().token);
    expect(who.statusCode).toBe(200);
    expect(who.json().user.agency.name).toBe('黑龙江省公安厅');
  });

  it('sets an HttpOnly session cookie; cookie writes need the X-CSRF-Token header', async () => {
    const res = await login('mzt.data');
    const session = res.cookies.find((c) => c.name === 'govdata_session')!;
    const csrf = res.cookies.find((c) => c.name === 'govdata_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    expect(csrf.httpOnly).toBeFalsy();
    const cookies = { govdata_session: session.value, govdata_csrf: csrf.value };
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies });
    expect(read.statusCode).toBe(200);
    const noHeader = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().title).toBe('CSRF 校验失败');
    const wrongHeader = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies,
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrongHeader.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies,
      headers: { 'x-csrf-token': csrf.value },
    });
    expect(ok.statusCode).toBe(204);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await login('nobody.here', 'Whatever#2026');
    const wrong = await login('rst.data', 'Whatever#2026');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().title).toBe(wrong.json().title);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('locks an account for 15 minutes after 5 wrong passwords (423), open again after 16', async () => {
    for (let i = 1; i <= 4; i++) expect((await login('hrb.gaj.data', 'Wrong#Pass2026')).statusCode).toBe(401);
    const fifth = await login('hrb.gaj.data', 'Wrong#Pass2026');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.headers['content-type']).toContain('application/problem+json');
    expect(fifth.json().title).toBe('账号已锁定');
    // Even the right password is refused while locked.
    expect((await login('hrb.gaj.data')).statusCode).toBe(423);
    t.clock.advanceMinutes(14);
    expect((await login('hrb.gaj.data')).statusCode).toBe(423);
    t.clock.advanceMinutes(2);
    expect((await login('hrb.gaj.data')).statusCode).toBe(200);
    const ev = await t.ctx.db
      .selectFrom('ledger_event')
      .select('action')
      .where('action', '=', 'auth.locked')
      .execute();
    expect(ev).toHaveLength(1);
  });

  it('ends a session after 30 idle minutes (401); activity keeps it alive', async () => {
    const token = (await login('gat.user')).json().token;
    t.clock.advanceMinutes(20);
    expect((await me(token)).statusCode).toBe(200);
    t.clock.advanceMinutes(20);
    expect((await me(token)).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const res = await me(token);
    expect(res.statusCode).toBe(401);
    expect(res.json().title).toBe('未登录或会话已过期');
  });

  it('ends the session on logout', async () => {
    const token = (await login('auditor')).json().token;
    expect((await t.call(token, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await me(token)).statusCode).toBe(401);
  });
});

describe('password policy and periodic change', () => {
  it('explains each policy breach in Chinese, with the field name', async () => {
    const token = (await login('sheng.reviewer')).json().token;
    const change = (currentPassword: string, newPassword: string) =>
      t.call(token, {
        method: 'POST',
        url: '/api/v1/auth/change-password',
        payload: { currentPassword, newPassword },
      });
    const short = await change(DEMO_PASSWORD, 'Ab#1');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toContainEqual({ field: 'newPassword', message: '密码长度不得少于10位' });
    const classes = await change(DEMO_PASSWORD, 'onlylowercaseletters');
    expect(classes.json().errors).toContainEqual({
      field: 'newPassword',
      message: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
    });
    const name = await change(DEMO_PASSWORD, 'Sheng.Reviewer#2026');
    expect(name.json().errors).toContainEqual({ field: 'newPassword', message: '密码不得包含用户名' });
    const current = await change('Not#TheCurrent1', 'Good#Password2026');
    expect(current.json().errors).toContainEqual({ field: 'currentPassword', message: '当前密码不正确' });
    expect((await change(DEMO_PASSWORD, 'Good#Password2026')).statusCode).toBe(204);
    expect((await login('sheng.reviewer', 'Good#Password2026')).statusCode).toBe(200);
  });

  it('demands a change after 90 days: other routes 403, /auth/me still answers', async () => {
    t.clock.set(TEST_EPOCH);
    t.clock.advanceDays(91);
    const res = await login('sheng.admin');
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const token = res.json().token;
    expect((await me(token)).statusCode).toBe(200);
    expect((await me(token)).json().user.mustChangePassword).toBe(true);
    const blocked = await t.call(token, { method: 'GET', url: '/api/v1/accounts' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ title: '请先修改密码' });
    expect(blocked.json().type).toMatch(/password-change-required$/);
    const changed = await t.call(token, {
      method: 'POST',
      url: '/api/v1/auth/change-password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Longjiang#Data90' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.call(token, { method: 'GET', url: '/api/v1/accounts' })).statusCode).toBe(200);
  });
});
