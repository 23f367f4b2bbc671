import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { idCardCheckChar } from './id-card.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const register = (payload: Record<string, unknown>) =>
  t.call(null, { method: 'POST', url: '/api/v1/public/register', payload });
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

const ID17 = '23010219880412301';
const natural = {
  subjectType: 'natural',
  username: 'zhang.san',
  password: 'Longjiang#2026',
  phone: '13945112345',
  name: '张三',
  idCardNumber: ID17 + idCardCheckChar(ID17),
};
const legal = {
  subjectType: 'legal',
  username: 'huawei.data',
  password: 'Kaifang@Shuju9',
  phone: '13800138000',
  organisationName: '华为技术有限公司',
  uscc: '914403001922038216',
  contactName: '李四',
};

describe('public accounts (Art. 34: natural and legal persons)', () => {
  it('registers a natural person with a valid ID number; role public, no agency, masked ID kept', async () => {
    const res = await register(natural);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'zhang.san', subjectType: 'natural' });
    const row = await t.ctx.db
      .selectFrom('account')
      .selectAll()
      .where('username', '=', 'zhang.san')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'public',
      agency_id: null,
      public_subject: 'natural',
      must_change_password: false,
    });
    expect(row.id_card_masked).toBe(`230102********${natural.idCardNumber.slice(14)}`);
    const token = await t.login('zhang.san', natural.password);
    const me = (await t.call(token, { method: 'GET', url: '/api/v1/auth/me' })).json().user;
    expect(me).toMatchObject({ kind: 'public', agency: null, roles: [{ code: 'public', name: '公众用户' }] });
    const ev = await t.ctx.db
      .selectFrom('ledger_event')
      .select(['action', 'details'])
      .where('subject', '=', `account:${row.id}`)
      .execute();
    expect(ev[0].action).toBe('account.register');
    expect(JSON.stringify(ev)).not.toContain(natural.idCardNumber);
  });

  it('registers a legal person whose USCC passes its check digit', async () => {
    const res = await register(legal);
    expect(res.statusCode).toBe(201);
    const row = await t.ctx.db
      .selectFrom('account')
      .select(['display_name', 'uscc', 'contact_name'])
      .where('username', '=', 'huawei.data')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      display_name: '华为技术有限公司',
      uscc: '914403001922038216',
      contact_name: '李四',
    });
  });

  it('refuses a USCC with a wrong check digit: 400 naming the field, in Chinese', async () => {
    const res = await register({ ...legal, username: 'bad.uscc', uscc: '914403001922038217' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'uscc', message: '统一社会信用代码校验位不正确' }]);
  });

  it('refuses an ID number with a wrong check character', async () => {
    const wrong = ID17 + (idCardCheckChar(ID17) === '0' ? '1' : '0');
    const res = await register({ ...natural, username: 'bad.id', idCardNumber: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'idCardNumber', message: '身份证号码校验位不正确' }]);
  });

  it('applies the password policy and lists every bad field at once', async () => {
    const res = await register({
      subjectType: 'natural',
      username: 'li.si',
      password: 'li.si12',
      phone: '123',
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res.json())).toEqual(['idCardNumber', 'name', 'password', 'password', 'phone']);
    const messages = res.json().errors.map((e: { message: string }) => e.message);
    expect(messages).toContain('密码长度不得少于10位');
    expect(messages).toContain('密码不得包含用户名');
    const org = await register({
      subjectType: 'legal',
      username: 'org.x',
      password: legal.password,
      phone: legal.phone,
    });
    expect(fields(org.json())).toEqual(['contactName', 'organisationName', 'uscc']);
  });

  it('refuses a taken username (409, field named)', async () => {
    const res = await register({ ...natural, username: 'gat.data' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('username');
  });
});
