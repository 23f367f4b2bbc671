import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../matters/index.ts';
import { type Harness, ledgerCount, ok, startHarness } from '../matters/support.test-helpers.ts';
import { basicEntry } from './catalog.test-helpers.ts';

// Art. 15 目录更新: a change of law or duty recorded against a published entry opens a 3 WD update
// deadline counted from the day of the change; the provider meets it by submitting a new version for
// review; an extension of 5 WD needs a policy basis and the reviewing authority's consent. Around the
// 2026 National Day holiday (10-01..10-07 off, Saturday 10-10 a 调休 working day).

let h: Harness;
const USERS = ['gat.data', 'sheng.reviewer', 'mzt.data', 'hrb.gaj.data', 'hrb.admin', 'dq.admin'];

beforeAll(async () => {
  h = await startHarness();
  await h.login(...USERS);
});
afterAll(() => h.t.close());

type Method = 'POST' | 'PUT' | 'GET';
const call = (user: string, method: Method, url: string, payload?: unknown) =>
  h.t.call(h.token[user], { method, url, payload: payload as never });
// Art. 17: a justification, in case the test data overlaps another agency's entry.
const JUSTIFIED = { justification: '测试目录，由本部门依职责单独采集。' };
const submit = (user: string, id: number) =>
  call(user, 'POST', `/api/v1/catalog/entries/${id}/submit`, JUSTIFIED);
async function publish(name: string) {
  const id = ok(await call('gat.data', 'POST', '/api/v1/catalog/entries', basicEntry({ name })), 201).id;
  ok(await h.act('sheng.reviewer', ok(await submit('gat.data', id)).reviewMatterId, 'publish', {}));
  return id as number;
}
/** Art. 15 is met by a new version submitted for review. */
async function submitNewVersion(id: number, name: string) {
  ok(await call('gat.data', 'POST', `/api/v1/catalog/entries/${id}/versions`), 201);
  const changed = basicEntry({ name, summary: '全省户籍人口的基本身份信息（按新规定更新）。' });
  ok(await call('gat.data', 'PUT', `/api/v1/catalog/entries/${id}`, changed));
  return ok(await submit('gat.data', id));
}
const change = (user: string, id: number, body: Record<string, unknown>, path = 'changes') =>
  call(user, 'POST', `/api/v1/catalog/entries/${id}/${path}`, body);
const LAW = {
  kind: 'law',
  description: '《户口登记条例》修订，新增居住证号码数据项。',
  changedOn: '2026-09-29',
};
const matter = async (user: string, id: number) => ok(await h.get(user, `/api/v1/matters/${id}`));

const entries: Record<string, number> = {};
beforeAll(async () => {
  h.at('2026-09-21T10:00');
  for (const n of ['A', 'B', 'C', 'D']) entries[n] = await publish(`户籍人口基本信息${n}`);
});

describe('recording a change (Art. 15)', () => {
  let m: number;

  it('Art. 15: a change on 2026-09-29 gives 3 WD from that day across National Day: due 2026-10-09', async () => {
    h.at('2026-09-30T10:00');
    m = ok(await change('gat.data', entries.A, LAW), 201).matterId;
    const d = await matter('gat.data', m);
    expect(d).toMatchObject({ type: 'catalog.update', typeName: '目录更新', state: 'updating' });
    expect(d.parties.map((p: { role: string; agencyName: string }) => [p.role, p.agencyName])).toEqual([
      ['provider', '黑龙江省公安厅'],
      ['authority', '黑龙江省政务数据主管部门'],
    ]);
    expect(d.deadlines).toMatchObject([
      {
        ruleKey: 'catalog.update',
        article: 'Art. 15',
        startsOn: '2026-09-29',
        dueDate: '2026-10-09',
        status: 'open',
      },
    ]);
    expect(await ledgerCount(h.t, 'catalog.entry.change-recorded')).toBe(1);
  });

  it('Art. 15: the provider gets a 待办 with the due time', async () => {
    const todo = ok(await h.get('gat.data', '/api/v1/matters/todo'));
    const item = todo.items.find((i: { id: number }) => i.id === m);
    expect(item.actions.map((a: { name: string }) => a.name)).toEqual([
      'complete',
      'requestExtension',
      'end',
    ]);
    const inbox = ok(await h.get('gat.data', '/api/v1/messages?pageSize=100'));
    const msg = inbox.items.find((x: { matterId: number }) => x.matterId === m);
    expect(msg).toMatchObject({ category: 'todo', dueAt: '2026-10-09T15:59:59.999Z' });
    expect(msg.title).toContain('目录更新');
  });

  it('Art. 15: a change dated in the future, or undescribed, is refused (422) and opens nothing', async () => {
    const future = await change('gat.data', entries.A, { ...LAW, changedOn: '2026-10-01' });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ article: 'Art. 15', errors: [{ field: 'changedOn' }] });
    const blank = await change('gat.data', entries.A, { ...LAW, description: '   ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors).toEqual([{ field: 'description', message: '请说明发生的变化' }]);
    expect((await change('gat.data', entries.A, { ...LAW, kind: 'mood' })).statusCode).toBe(400);
    expect(await ledgerCount(h.t, 'catalog.entry.change-recorded')).toBe(1);
  });

  it('Art. 15: only the provider, or the authority reviewing it, records a change', async () => {
    for (const u of ['mzt.data', 'hrb.gaj.data'])
      expect((await change(u, entries.B, LAW)).statusCode).toBe(403);
    for (const u of ['dq.admin', 'hrb.admin'])
      expect((await change(u, entries.B, LAW, 'change-notices')).statusCode).toBe(403);
    const draft = ok(
      await call('gat.data', 'POST', '/api/v1/catalog/entries', basicEntry({ name: '草稿' })),
      201,
    );
    expect((await change('gat.data', draft.id, LAW)).statusCode).toBe(409);
    expect((await change('mzt.data', draft.id, LAW)).statusCode).toBe(404);
  });

  it('Art. 15: the authority records a change noticed late: counted from the change, overdue at once', async () => {
    const body = { kind: 'duty', description: '三定方案调整，户籍管理职责划转。', changedOn: '2026-09-01' };
    const late = ok(await change('sheng.reviewer', entries.B, body, 'change-notices'), 201).matterId;
    const d = await matter('gat.data', late);
    expect(d.deadlines).toMatchObject([{ startsOn: '2026-09-01', dueDate: '2026-09-04', status: 'overdue' }]);
    const todo = ok(await h.get('gat.data', '/api/v1/matters/todo'));
    expect(todo.items.some((i: { id: number }) => i.id === late)).toBe(true);
    // Not done by saying so: a version must be under review.
    const r = await h.act('gat.data', late, 'complete', {});
    expect(r.statusCode).toBe(409);
    expect(r.json().article).toBe('Art. 15');
  });

  it('Art. 15: met — a new version submitted by 2026-10-09 completes the update on time', async () => {
    h.at('2026-10-09T16:00');
    const e = await submitNewVersion(entries.A, '户籍人口基本信息A');
    expect(e).toMatchObject({ version: 2, versionStatus: 'submitted', status: 'published' });
    const d = await matter('sheng.reviewer', m);
    expect(d.state).toBe('updated');
    expect(d.deadlines).toMatchObject([{ status: 'met', late: false, dueDate: '2026-10-09' }]);
    expect(d.fields.find((f: { label: string }) => f.label === '更新后提交的版本').value).toBe('2');
    expect(await ledgerCount(h.t, 'matter.catalog.update.complete', `matter:${m}`)).toBe(1);
  });
});

describe('extending the update deadline (Art. 15)', () => {
  let m: number;

  it('Art. 15: a request without its policy basis is refused (422)', async () => {
    h.at('2026-09-30T11:00');
    m = ok(await change('gat.data', entries.C, LAW), 201).matterId;
    h.at('2026-10-08T10:00');
    const r = await h.act('gat.data', m, 'requestExtension', {});
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ article: 'Art. 15', errors: [{ field: 'legalBasis' }] });
  });

  it('Art. 15: with its basis the request goes to the authority; the deadline keeps running', async () => {
    const d = ok(
      await h.act('gat.data', m, 'requestExtension', {
        legalBasis: '《黑龙江省户籍管理规定》修订稿尚待省政府常务会议审议，数据项口径未定。',
      }),
    );
    expect(d.state).toBe('extensionRequested');
    expect(d.deadlines).toMatchObject([{ status: 'open', dueDate: '2026-10-09' }]);
  });

  it('Art. 15: only the reviewing authority consents — not another city’s authority, not the provider', async () => {
    for (const u of ['dq.admin', 'hrb.admin', 'gat.data'])
      expect([403, 404]).toContain((await h.act(u, m, 'approveExtension', {})).statusCode);
  });

  it('Art. 15: consent adds 5 WD: 2026-10-09 → 2026-10-15 (10-10 a working Saturday)', async () => {
    const d = ok(await h.act('sheng.reviewer', m, 'approveExtension', {}));
    expect(d.state).toBe('updating');
    expect(d.deadlines).toMatchObject([
      { status: 'open', extendedFrom: '2026-10-09', dueDate: '2026-10-15', article: 'Art. 15' },
    ]);
    h.at('2026-10-14T10:00');
    await sweepDeadlines(h.t.ctx, 'test');
    expect((await matter('gat.data', m)).deadlines[0].status).toBe('open');
    h.at('2026-10-15T15:00');
    await submitNewVersion(entries.C, '户籍人口基本信息C');
    expect((await matter('gat.data', m)).deadlines).toMatchObject([{ status: 'met', late: false }]);
  });
});

describe('a missed update (Art. 15)', () => {
  let m: number;

  it('Art. 15: a refusal needs its reason and leaves the deadline as it was', async () => {
    h.at('2026-09-30T12:00');
    m = ok(await change('gat.data', entries.D, LAW), 201).matterId;
    ok(await h.act('gat.data', m, 'requestExtension', { legalBasis: '上级文件尚未下发。' }));
    const bare = await h.act('sheng.reviewer', m, 'refuseExtension', {});
    expect(bare.statusCode).toBe(422);
    expect(bare.json().article).toBe('Art. 15');
    const d = ok(
      await h.act('sheng.reviewer', m, 'refuseExtension', { reason: '所述文件不影响目录数据项。' }),
    );
    expect(d.state).toBe('updating');
    expect(d.deadlines).toMatchObject([{ status: 'open', dueDate: '2026-10-09', extendedFrom: null }]);
  });

  it('Art. 15: past 2026-10-09 the update is overdue on the board, and the sweep warns the provider', async () => {
    h.at('2026-10-12T09:00');
    await sweepDeadlines(h.t.ctx, 'test');
    const board = ok(await h.get('gat.data', '/api/v1/supervision/deadlines?status=overdue'));
    expect(board.items.find((i: { matterId: number }) => i.matterId === m)).toMatchObject({
      status: 'overdue',
      dueDate: '2026-10-09',
      article: 'Art. 15',
    });
    const inbox = ok(await h.get('gat.data', '/api/v1/messages?pageSize=100'));
    expect(
      inbox.items.some(
        (x: { matterId: number; category: string }) => x.matterId === m && x.category === 'warning',
      ),
    ).toBe(true);
  });

  it('Art. 15: the late submission completes the update, met late', async () => {
    await submitNewVersion(entries.D, '户籍人口基本信息D');
    const d = await matter('gat.data', m);
    expect(d.state).toBe('updated');
    expect(d.deadlines).toMatchObject([{ status: 'met', late: true }]);
  });
});
