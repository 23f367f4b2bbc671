import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ledgerCount, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry } from './catalog.test-helpers.ts';

// Catalog users (Art. 16: the users of an entry are told of its revocation and keep it 6 months):
// a department subscribes to another agency's published entry; the provider and its reviewing
// authority see who uses it, nobody else does.

let h: Harness;
const USERS = ['gat.data', 'gat.user', 'sheng.reviewer', 'mzt.data', 'rst.data', 'hrb.admin', 'hrb.gaj.data'];

beforeAll(async () => {
  h = await startHarness();
  await h.login(...USERS);
});
afterAll(() => h.t.close());

const call = (user: string, method: 'POST' | 'DELETE' | 'GET', url: string, payload?: unknown) =>
  h.t.call(h.token[user], { method, url, payload: payload as never });
const draft = async (user: string, over: Record<string, unknown> = {}) =>
  ok(await call(user, 'POST', '/api/v1/catalog/entries', basicEntry(over)), 201).id as number;
// Art. 17: a justification, in case the test data overlaps another agency's entry.
const JUSTIFIED = { justification: '测试目录，由本部门依职责单独采集。' };
const submit = (user: string, id: number) =>
  call(user, 'POST', `/api/v1/catalog/entries/${id}/submit`, JUSTIFIED);
async function publish(user: string, reviewer: string, over: Record<string, unknown> = {}) {
  const id = await draft(user, over);
  const m = ok(await submit(user, id)).reviewMatterId;
  ok(await h.act(reviewer, m, 'publish', {}));
  return id;
}
const sub = (user: string, id: number) => call(user, 'POST', `/api/v1/catalog/entries/${id}/subscriptions`);
const users = (user: string, id: number) => call(user, 'GET', `/api/v1/catalog/entries/${id}/users`);

describe('subscribing to an entry', () => {
  let entry: number;
  let unpublished: number;
  let submitted: number;

  beforeAll(async () => {
    h.at('2026-06-01T10:00');
    entry = await publish('gat.data', 'sheng.reviewer');
    unpublished = await draft('gat.data', { name: '居民身份证申领信息' });
    submitted = await draft('gat.data', { name: '出入境证件信息' });
    ok(await submit('gat.data', submitted));
  });

  it('a department follows another agency’s published entry', async () => {
    h.at('2026-06-02T10:00');
    const s = ok(await sub('mzt.data', entry), 201);
    expect(s).toEqual({
      entryId: entry,
      agencyId: h.me['mzt.data'].agency.id,
      agencyName: '黑龙江省民政厅',
      since: '2026-06-02T02:00:00.000Z',
    });
    expect(await ledgerCount(h.t, 'catalog.subscription.added')).toBe(1);
    const again = await sub('mzt.data', entry);
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toBe('本部门已订阅该目录');
  });

  it('refuses the agency’s own entry, whoever of it asks', async () => {
    for (const u of ['gat.data', 'gat.user']) {
      const r = await sub(u, entry);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({
        type: expect.stringMatching(/catalog-subscribe-own$/),
        title: '不能订阅本部门提供的目录',
      });
    }
  });

  it('refuses an entry not yet published (a draft or one under review is not even seen)', async () => {
    for (const id of [unpublished, submitted]) expect((await sub('mzt.data', id)).statusCode).toBe(404);
    expect((await sub('mzt.data', 999_999)).statusCode).toBe(404);
    expect(await ledgerCount(h.t, 'catalog.subscription.added')).toBe(1);
  });

  it('lists the agency’s own subscriptions only', async () => {
    h.at('2026-06-03T10:00');
    ok(await sub('rst.data', entry), 201);
    const mine = ok(await call('mzt.data', 'GET', '/api/v1/catalog/subscriptions'));
    expect(mine.items).toEqual([
      {
        entryId: entry,
        code: expect.stringMatching(/^101001-HLJ\.GAT-\d{5}$/),
        name: '户籍人口基本信息',
        providerName: '黑龙江省公安厅',
        status: 'published',
        since: '2026-06-02T02:00:00.000Z',
      },
    ]);
    expect(ok(await call('gat.data', 'GET', '/api/v1/catalog/subscriptions')).items).toEqual([]);
    expect(ok(await call('hrb.gaj.data', 'GET', '/api/v1/catalog/subscriptions')).items).toEqual([]);
  });

  it('the users: seen by the provider and its reviewing authority, refused to others (Art. 16)', async () => {
    for (const u of ['gat.data', 'gat.user', 'sheng.reviewer']) {
      const list = ok(await users(u, entry));
      expect(list.total).toBe(2);
      expect(list.items).toEqual([
        {
          agency: { id: h.me['mzt.data'].agency.id, name: '黑龙江省民政厅' },
          kind: 'subscription',
          since: '2026-06-02T02:00:00.000Z',
        },
        {
          agency: { id: h.me['rst.data'].agency.id, name: '黑龙江省人力资源和社会保障厅' },
          kind: 'subscription',
          since: '2026-06-03T02:00:00.000Z',
        },
      ]);
    }
    // A user itself, another region's authority, another region's department: refused.
    for (const u of ['mzt.data', 'hrb.admin', 'hrb.gaj.data'])
      expect((await users(u, entry)).statusCode).toBe(403);
    expect((await users('mzt.data', unpublished)).statusCode).toBe(404);
  });

  it('unsubscribing removes the agency from the users; only its own subscription', async () => {
    expect(
      (await call('hrb.gaj.data', 'DELETE', `/api/v1/catalog/entries/${entry}/subscriptions`)).statusCode,
    ).toBe(404);
    expect(
      (await call('rst.data', 'DELETE', `/api/v1/catalog/entries/${entry}/subscriptions`)).statusCode,
    ).toBe(204);
    expect(
      (await call('rst.data', 'DELETE', `/api/v1/catalog/entries/${entry}/subscriptions`)).statusCode,
    ).toBe(404);
    expect(ok(await users('gat.data', entry)).total).toBe(1);
    expect(await ledgerCount(h.t, 'catalog.subscription.removed')).toBe(1);
  });
});
