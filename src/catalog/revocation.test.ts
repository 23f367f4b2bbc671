import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseLease, tryAcquireLease } from '../kernel/jobs/lease.ts';
import { type Harness, ledgerCount, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry } from './catalog.test-helpers.ts';
import { finalizeDueRevocations, REVOCATION_LEASE, revocationJob } from './revocation.ts';

// Art. 16 目录撤销: the provider applies, the authority that reviews its catalog decides. An entry
// nobody uses is revoked at once; one in use stays 'revoking' for 6 months (its users told, the
// entry still visible), then the job revokes it and tells them again. A revoked entry is hidden from
// other agencies; the provider and its authority still read its versions.

let h: Harness;
const USERS = ['gat.data', 'sheng.reviewer', 'mzt.data', 'rst.data', 'hrb.gaj.data', 'hrb.admin', 'dq.admin'];

beforeAll(async () => {
  h = await startHarness();
  await h.login(...USERS);
});
afterAll(() => h.t.close());

type Method = 'POST' | 'PUT' | 'GET' | 'DELETE';
const call = (user: string, method: Method, url: string, payload?: unknown) =>
  h.t.call(h.token[user], { method, url, payload: payload as never });
// Art. 17: a justification, in case the test data overlaps another agency's entry.
const JUSTIFIED = { justification: '测试目录，由本部门依职责单独采集。' };
const submit = (user: string, id: number) =>
  call(user, 'POST', `/api/v1/catalog/entries/${id}/submit`, JUSTIFIED);
async function publish(user: string, reviewer: string, name: string) {
  const id = ok(await call(user, 'POST', '/api/v1/catalog/entries', basicEntry({ name })), 201).id;
  ok(await h.act(reviewer, ok(await submit(user, id)).reviewMatterId, 'publish', {}));
  return id as number;
}
const REASON = { reason: '机构改革后该项职责划出，目录无法继续更新。' };
const revoke = (user: string, id: number, body: unknown = REASON) =>
  call(user, 'POST', `/api/v1/catalog/entries/${id}/revocation`, body);
const entry = (user: string, id: number) => call(user, 'GET', `/api/v1/catalog/entries/${id}`);
const matter = async (user: string, id: number) => ok(await h.get(user, `/api/v1/matters/${id}`));
const inbox = async (user: string) => ok(await h.get(user, '/api/v1/messages?pageSize=100')).items;
const noticesAbout = async (user: string, name: string) =>
  (await inbox(user)).filter(
    (m: { category: string; title: string }) => m.category === 'notice' && m.title.includes(name),
  );

describe('an entry nobody uses (Art. 16)', () => {
  let id: number;
  let m: number;

  it('Art. 16: the provider applies with its reason; the same-level authority reviews', async () => {
    h.at('2026-10-12T10:00');
    id = await publish('gat.data', 'sheng.reviewer', '枪支管理信息');
    const bare = await revoke('gat.data', id, { reason: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors).toEqual([{ field: 'reason', message: '请说明目录无法更新的原因' }]);
    expect((await revoke('mzt.data', id)).statusCode).toBe(403);
    m = ok(await revoke('gat.data', id), 201).matterId;
    expect((await revoke('gat.data', id)).statusCode).toBe(409);
    const d = await matter('sheng.reviewer', m);
    expect(d).toMatchObject({ type: 'catalog.revocation', typeName: '目录撤销', state: 'reviewing' });
    expect(d.actions.map((a: { name: string }) => a.name)).toEqual(['approve', 'refuse']);
    expect(d.fields.find((f: { label: string }) => f.label === '撤销原因').value).toBe(REASON.reason);
  });

  it('Art. 16: another city’s authority, or the provider itself, cannot decide', async () => {
    for (const u of ['dq.admin', 'hrb.admin', 'gat.data'])
      expect([403, 404]).toContain((await h.act(u, m, 'approve', {})).statusCode);
  });

  it('Art. 16: a new version cannot be submitted while the revocation is pending', async () => {
    ok(await call('gat.data', 'POST', `/api/v1/catalog/entries/${id}/versions`), 201);
    const r = await submit('gat.data', id);
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ article: 'Art. 16', title: '目录已申请撤销，不能提交新版本' });
    expect(ok(await entry('gat.data', id)).versionStatus).toBe('draft');
  });

  it('Art. 16: approved without users, the revocation takes effect at once', async () => {
    h.at('2026-10-13T10:00');
    const d = ok(await h.act('sheng.reviewer', m, 'approve', {}));
    expect(d.state).toBe('revoked');
    expect(d.history.map((e: { transition: string }) => e.transition)).toEqual([
      'open',
      'approve',
      'takeEffect',
    ]);
    expect(ok(await entry('gat.data', id))).toMatchObject({ status: 'revoked' });
    expect(ok(await entry('sheng.reviewer', id)).status).toBe('revoked');
    expect(await ledgerCount(h.t, 'catalog.entry.revoked', `catalog-entry:${d.fields[1].value}`)).toBe(1);
  });

  it('Art. 16: a revoked entry is hidden from other agencies, not subscribable; its versions stay with the provider', async () => {
    expect((await entry('mzt.data', id)).statusCode).toBe(404);
    expect((await call('mzt.data', 'GET', `/api/v1/catalog/entries/${id}/versions`)).statusCode).toBe(404);
    const sub = await call('mzt.data', 'POST', `/api/v1/catalog/entries/${id}/subscriptions`);
    expect(sub.statusCode).toBe(409);
    expect(sub.json()).toMatchObject({ title: '目录已撤销，不能订阅', article: 'Art. 16' });
    const v1 = ok(await call('gat.data', 'GET', `/api/v1/catalog/entries/${id}/versions/1`));
    expect(v1).toMatchObject({ version: 1, name: '枪支管理信息' });
    ok(await call('sheng.reviewer', 'GET', `/api/v1/catalog/entries/${id}/versions/1`));
    expect(
      ok(await call('gat.data', 'GET', `/api/v1/catalog/entries/${id}/revocation`)).revocation,
    ).toMatchObject({
      matterId: m,
      status: 'revoked',
      effectiveOn: '2026-10-13',
      userCount: 0,
    });
  });
});

describe('an entry in use (Art. 16: provided 6 months more)', () => {
  let id: number;
  let m: number;
  let update: number;
  const NAME = '机动车驾驶人信息';

  it('Art. 16: approval puts the entry in its grace period and tells each user the reason and the date', async () => {
    h.at('2026-10-14T10:00');
    id = await publish('gat.data', 'sheng.reviewer', NAME);
    ok(await call('mzt.data', 'POST', `/api/v1/catalog/entries/${id}/subscriptions`), 201);
    update = ok(
      await call('gat.data', 'POST', `/api/v1/catalog/entries/${id}/changes`, {
        kind: 'duty',
        description: '驾驶人管理职责调整。',
        changedOn: '2026-10-14',
      }),
      201,
    ).matterId;
    m = ok(await revoke('gat.data', id), 201).matterId;
    h.at('2026-10-15T10:00');
    const d = ok(await h.act('sheng.reviewer', m, 'approve', {}));
    expect(d.state).toBe('revoking');
    const notices = await noticesAbout('mzt.data', NAME);
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe(`目录即将撤销：${NAME}`);
    expect(notices[0].body).toContain(REASON.reason);
    expect(notices[0].body).toContain('2027年4月15日');
    expect(notices[0].body).toContain('第十六条');
  });

  it('Art. 16: meanwhile the entry stays visible and usable, takes no new users, and its update is ended', async () => {
    expect(ok(await entry('mzt.data', id))).toMatchObject({ status: 'revoking', version: 1 });
    expect(
      ok(await call('mzt.data', 'GET', `/api/v1/catalog/entries/${id}/revocation`)).revocation,
    ).toMatchObject({
      matterId: m,
      status: 'revoking',
      effectiveOn: '2027-04-15',
      userCount: 1,
    });
    const late = await call('rst.data', 'POST', `/api/v1/catalog/entries/${id}/subscriptions`);
    expect(late.statusCode).toBe(409);
    expect(late.json().article).toBe('Art. 16');
    const u = await matter('gat.data', update);
    expect(u.state).toBe('ended');
    expect(u.deadlines).toMatchObject([{ status: 'cancelled' }]);
    // The authority cannot make it take effect early.
    const early = await h.act('sheng.reviewer', m, 'takeEffect', {});
    expect(early.statusCode).toBe(409);
    expect(early.json().article).toBe('Art. 16');
  });

  it('Art. 16: 6 months minus a day later it is still provided (and on the last day itself)', async () => {
    h.at('2027-04-14T10:00');
    expect(await finalizeDueRevocations(h.t.ctx)).toBe(0);
    h.at('2027-04-15T23:00');
    expect(await finalizeDueRevocations(h.t.ctx)).toBe(0);
    expect(ok(await entry('mzt.data', id)).status).toBe('revoking');
  });

  it('Art. 16: past the date the job revokes it: hidden from others, the user told again, ledgered', async () => {
    h.at('2027-04-16T00:10');
    // The job runs under its lease: while another process holds it, this one does nothing.
    expect(await tryAcquireLease(h.t.ctx, REVOCATION_LEASE, 'other-process', 60_000)).toBe(true);
    expect(await revocationJob(h.t.ctx, 'this-process')).toBeNull();
    expect(ok(await entry('mzt.data', id)).status).toBe('revoking');
    await releaseLease(h.t.ctx, REVOCATION_LEASE, 'other-process');
    expect(await revocationJob(h.t.ctx, 'this-process')).toBe(1);
    expect(await finalizeDueRevocations(h.t.ctx)).toBe(0);
    expect((await matter('gat.data', m)).state).toBe('revoked');
    expect((await entry('mzt.data', id)).statusCode).toBe(404);
    expect(ok(await entry('gat.data', id)).status).toBe('revoked');
    const notices = await noticesAbout('mzt.data', NAME);
    expect(notices.map((n: { title: string }) => n.title)).toEqual([
      `目录已撤销：${NAME}`,
      `目录即将撤销：${NAME}`,
    ]);
    expect(
      (await noticesAbout('gat.data', NAME)).some((n: { title: string }) => n.title.includes('已办结')),
    ).toBe(true);
    const subs = ok(await call('mzt.data', 'GET', '/api/v1/catalog/subscriptions')).items;
    expect(subs).toMatchObject([{ entryId: id, name: NAME, status: 'revoked' }]);
    expect(await ledgerCount(h.t, 'matter.catalog.revocation.takeEffect', `matter:${m}`)).toBe(1);
  });
});

describe('who decides, and what is refused (Art. 16)', () => {
  it('Art. 16: a city department’s entry is decided by its city authority, not the province or another city', async () => {
    h.at('2026-11-02T10:00');
    const id = await publish('hrb.gaj.data', 'hrb.admin', '哈尔滨市暂住人口信息');
    const m = ok(await revoke('hrb.gaj.data', id), 201).matterId;
    for (const u of ['sheng.reviewer', 'dq.admin'])
      expect([403, 404]).toContain((await h.act(u, m, 'approve', {})).statusCode);
    const bare = await h.act('hrb.admin', m, 'refuse', {});
    expect(bare.statusCode).toBe(422);
    expect(bare.json().article).toBe('Art. 16');
    const d = ok(
      await h.act('hrb.admin', m, 'refuse', { reason: '该目录仍可按新职责更新，请办理目录更新。' }),
    );
    expect(d.state).toBe('refused');
    expect(ok(await entry('dq.admin', id)).status).toBe('published');
    // Refused: the provider may apply again later.
    ok(await revoke('hrb.gaj.data', id), 201);
  });

  it('Art. 16: an unpublished entry, or one with a version under review, cannot be revoked', async () => {
    const draft = ok(
      await call('gat.data', 'POST', '/api/v1/catalog/entries', basicEntry({ name: '草稿目录' })),
      201,
    );
    expect((await revoke('gat.data', draft.id)).statusCode).toBe(409);
    const id = await publish('gat.data', 'sheng.reviewer', '在审目录');
    ok(await call('gat.data', 'POST', `/api/v1/catalog/entries/${id}/versions`), 201);
    ok(await submit('gat.data', id));
    const r = await revoke('gat.data', id);
    expect(r.statusCode).toBe(409);
    expect(r.json().title).toBe('目录有正在审核的版本，不能申请撤销');
  });
});
