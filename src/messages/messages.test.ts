import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../test/helpers/system.ts';
import { inTransaction, systemActor } from '../kernel/context.ts';
import { type NewMessage, resolveTodos, sendMessage } from './service.ts';

interface Person {
  token: string;
  accountId: number;
  agencyId: number;
}

let t: TestSystem;
const people: Record<string, Person> = {};

beforeAll(async () => {
  t = await startTestSystem();
  for (const u of ['gat.data', 'gat.user', 'mzt.data', 'sheng.admin']) {
    const token = await t.login(u);
    const me = (await t.call(token, { method: 'GET', url: '/api/v1/auth/me' })).json().user;
    people[u] = { token, accountId: me.id, agencyId: me.agency.id };
  }
});
afterAll(() => t.close());

const send = (m: NewMessage) => inTransaction(t.ctx, systemActor, (tx) => sendMessage(tx, m));
const get = (who: string, url: string) => t.call(people[who].token, { method: 'GET', url });
const post = (who: string, url: string) => t.call(people[who].token, { method: 'POST', url });
const inbox = async (who: string, query = '') => (await get(who, `/api/v1/messages${query}`)).json();
const ids = (page: { items: { id: number }[] }) => page.items.map((i) => i.id);
const badge = async (who: string) => (await get(who, '/api/v1/messages/unread-count')).json();

describe('message centre', () => {
  it('an agency-wide message is unread for each of its people until each reads it', async () => {
    const gat = people['gat.data'].agencyId;
    expect(people['gat.user'].agencyId).toBe(gat);
    const { id } = await send({
      to: { agencyId: gat },
      category: 'notice',
      title: '关于报送2026年政务数据目录的通知',
      body: '请于本月底前完成目录编制。',
      link: '/console/catalog',
    });
    for (const u of ['gat.data', 'gat.user']) {
      const page = await inbox(u);
      const item = page.items.find((i: { id: number }) => i.id === id);
      expect(item).toMatchObject({ category: 'notice', link: '/console/catalog', read: false, done: false });
    }
    expect(ids(await inbox('mzt.data'))).not.toContain(id);

    const before = await badge('gat.user');
    expect((await post('gat.data', `/api/v1/messages/${id}/read`)).statusCode).toBe(204);
    // Reading twice is harmless.
    expect((await post('gat.data', `/api/v1/messages/${id}/read`)).statusCode).toBe(204);
    expect((await inbox('gat.data')).items.find((i: { id: number }) => i.id === id).read).toBe(true);
    expect((await inbox('gat.user')).items.find((i: { id: number }) => i.id === id).read).toBe(false);
    expect(await badge('gat.user')).toEqual(before);
    expect(ids(await inbox('gat.user', '?unread=true'))).toContain(id);
    expect(ids(await inbox('gat.data', '?unread=true'))).not.toContain(id);
  });

  it('a message restricted to a role reaches only those holding it (Art. 6 data officers)', async () => {
    const gat = people['gat.data'].agencyId;
    const { id } = await send({
      to: { agencyId: gat, roles: ['data_officer'] },
      category: 'warning',
      title: '数据共享申请即将超期',
      body: '剩余 1 个工作日。',
    });
    expect(ids(await inbox('gat.data'))).toContain(id);
    expect(ids(await inbox('gat.user'))).not.toContain(id);
    expect(ids(await inbox('mzt.data'))).not.toContain(id);
    // Not addressed to me: it does not exist for me.
    const res = await post('gat.user', `/api/v1/messages/${id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('a personal message is seen by its addressee only; reading another person’s → 404', async () => {
    const me = people['gat.data'];
    const { id } = await send({
      to: { accountId: me.accountId, agencyId: me.agencyId },
      category: 'notice',
      title: '您的账号已绑定',
      body: '',
    });
    expect(ids(await inbox('gat.data'))).toContain(id);
    expect(ids(await inbox('gat.user'))).not.toContain(id);
    expect((await post('gat.user', `/api/v1/messages/${id}/read`)).statusCode).toBe(404);
    expect((await post('mzt.data', `/api/v1/messages/${id}/read`)).statusCode).toBe(404);
    expect((await post('gat.data', '/api/v1/messages/99999999/read')).statusCode).toBe(404);
    expect((await post('gat.data', `/api/v1/messages/${id}/read`)).statusCode).toBe(204);
  });

  it('unread-count counts unread messages and live todos, one number each', async () => {
    const me = people['mzt.data'];
    const b0 = await badge('mzt.data');
    const a = await send({ to: { agencyId: me.agencyId }, category: 'notice', title: '通知一', body: '' });
    await send({
      to: { accountId: me.accountId, agencyId: me.agencyId },
      category: 'todo',
      title: '审核目录',
      body: '',
      matterId: 9001,
      dueAt: new Date('2026-01-08T15:59:59Z'),
    });
    expect(await badge('mzt.data')).toEqual({ unread: b0.unread + 2, todos: b0.todos + 1 });
    await post('mzt.data', `/api/v1/messages/${a.id}/read`);
    expect(await badge('mzt.data')).toEqual({ unread: b0.unread + 1, todos: b0.todos + 1 });
    const todos = await inbox('mzt.data', '?category=todo&done=false');
    expect(todos.items[0]).toMatchObject({
      title: '审核目录',
      matterId: 9001,
      dueAt: '2026-01-08T15:59:59.000Z',
    });
  });

  it('a todo is done for everyone when its matter moves on', async () => {
    const gat = people['gat.data'].agencyId;
    const { id } = await send({
      to: { agencyId: gat },
      category: 'todo',
      title: '答复数据异议',
      body: '',
      link: '/console/matters/77',
      matterId: 77,
    });
    const other = await send({
      to: { agencyId: gat },
      category: 'todo',
      title: '另一事项',
      body: '',
      matterId: 78,
    });
    const b0 = await badge('gat.user');
    expect(ids(await inbox('gat.user', '?category=todo&done=false'))).toContain(id);
    const n = await inTransaction(t.ctx, systemActor, (tx) => resolveTodos(tx, { matterId: 77 }));
    expect(n).toBe(1);
    for (const u of ['gat.user', 'gat.data']) {
      const live = await inbox(u, '?category=todo&done=false');
      expect(ids(live)).not.toContain(id);
      expect(ids(live)).toContain(other.id);
      const done = await inbox(u, '?category=todo&done=true');
      expect(done.items.find((i: { id: number }) => i.id === id)).toMatchObject({ done: true, read: false });
    }
    // A finished todo no longer asks for attention.
    expect(await badge('gat.user')).toEqual({ unread: b0.unread - 1, todos: b0.todos - 1 });
    expect(await inTransaction(t.ctx, systemActor, (tx) => resolveTodos(tx, { matterId: 77 }))).toBe(0);
  });

  it('read-all marks every message of mine read (optionally one category) and nobody else’s', async () => {
    const gat = people['gat.data'].agencyId;
    await send({ to: { agencyId: gat }, category: 'warning', title: '预警', body: '' });
    const res = await post('gat.user', '/api/v1/messages/read-all?category=warning');
    expect(res.statusCode).toBe(200);
    expect(res.json().marked).toBeGreaterThanOrEqual(1);
    expect((await inbox('gat.user', '?category=warning&unread=true')).total).toBe(0);
    expect((await inbox('gat.user', '?unread=true')).total).toBeGreaterThan(0);
    expect((await inbox('gat.data', '?category=warning&unread=true')).total).toBeGreaterThan(0);
    await post('gat.user', '/api/v1/messages/read-all');
    expect(await badge('gat.user')).toEqual({ unread: 0, todos: expect.any(Number) });
    expect((await inbox('gat.user')).unread).toBe(0);
  });

  it('pages newest first with a total', async () => {
    const me = people['sheng.admin'];
    for (let i = 1; i <= 5; i++)
      await send({ to: { accountId: me.accountId }, category: 'notice', title: `第${i}条`, body: '' });
    const p1 = await inbox('sheng.admin', '?pageSize=2&page=1');
    const p3 = await inbox('sheng.admin', '?pageSize=2&page=3');
    expect(p1.total).toBe(5);
    expect(p1.items.map((i: { title: string }) => i.title)).toEqual(['第5条', '第4条']);
    expect(p3.items.map((i: { title: string }) => i.title)).toEqual(['第1条']);
    expect(p1.unread).toBe(5);
  });

  it('sending is ledgered, one message.send event per message; reading is not', async () => {
    const me = people['gat.user'];
    const { id } = await send({
      to: { accountId: me.accountId },
      category: 'notice',
      title: '留痕',
      body: '',
    });
    await post('gat.user', `/api/v1/messages/${id}/read`);
    const events = await t.ctx.db
      .selectFrom('ledger_event')
      .select(['action', 'actor', 'details'])
      .where('subject', '=', `message:${id}`)
      .execute();
    expect(events).toEqual([
      {
        action: 'message.send',
        actor: 'system',
        details: expect.objectContaining({
          category: 'notice',
          to: { accountId: me.accountId, agencyId: null },
        }),
      },
    ]);
  });

  it('rejects a malformed message with every invalid field listed', async () => {
    const err = await send({
      to: { agencyId: people['gat.data'].agencyId, roles: ['data_officers'] },
      category: 'memo' as never,
      title: ' ',
      body: '',
      link: 'https://evil.example.com/',
    }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'category',
      'link',
      'title',
      'to.roles',
    ]);
  });

  it('answers 401 without a login', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/messages'],
      ['GET', '/api/v1/messages/unread-count'],
      ['POST', '/api/v1/messages/1/read'],
      ['POST', '/api/v1/messages/read-all'],
    ] as const) {
      expect((await t.call(null, { method, url })).statusCode, url).toBe(401);
    }
  });
});
