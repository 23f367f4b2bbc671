import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../kernel/context.ts';
import { sweepDeadlines } from './deadlines-sweep.ts';
import { openMatter } from './engine.ts';
import { actorFrom, type Harness, ledgerCount, ok, startHarness } from './support.test-helpers.ts';
import { defineMatterType } from './types.ts';

// Engine extensions for Art. 15 and 16: a limit counted from a date in the matter's data (the day of
// a change, not the day it was recorded), and an effect that moves the matter on at once (a
// revocation nobody depends on takes effect on approval). Around the 2026 National Day holiday
// (10-01..10-07 off, Saturday 10-10 a 调休 working day).

const BY_PROVIDER = [{ roles: ['data_officer' as const], relation: 'provider' as const }];
const BY_AUTHORITY = [{ roles: ['authority_admin' as const], relation: 'same_level_authority' as const }];

defineMatterType({
  type: 'test.since',
  name: '测试自某日起算事项',
  states: {
    // catalog.update: 3 WD (Art. 15).
    running: {
      name: '办理中',
      tone: 'processing',
      deadline: { rule: 'catalog.update', party: 'provider', startsFrom: 'on' },
    },
    done: { name: '完成', tone: 'success', terminal: true },
  },
  initial: 'running',
  transitions: { finish: { label: '完成', from: ['running'], to: 'done', by: BY_PROVIDER } },
});

defineMatterType({
  type: 'test.onward',
  name: '测试连续办理事项',
  states: {
    asked: { name: '待审', tone: 'processing' },
    approved: { name: '已同意', tone: 'warning' },
    closed: { name: '已生效', tone: 'success', terminal: true },
  },
  initial: 'asked',
  transitions: {
    approve: { label: '同意', from: ['asked'], to: 'approved', by: BY_AUTHORITY },
    close: { label: '生效', from: ['approved'], to: 'closed', by: BY_AUTHORITY },
  },
  effects: {
    approve: async (_tx, m) => (m.data.atOnce ? { next: 'close' } : undefined),
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.login('gat.data', 'sheng.admin');
});
afterAll(() => h.t.close());

const open = (type: string, data: Record<string, unknown>) => {
  const actor = actorFrom(h.me['sheng.admin']);
  return inTransaction(h.t.ctx, actor, (tx) =>
    openMatter(tx, actor, {
      type,
      title: '起算事项',
      subject: 'test:since',
      parties: { provider: h.me['gat.data'].agency.id },
      data,
    }),
  );
};
const detail = async (id: number) => ok(await h.get('gat.data', `/api/v1/matters/${id}`));

describe('a deadline counted from a date in the matter’s data (Art. 15: from the day of the change)', () => {
  it('a working day is the start (not counted): 2026-09-29 + 3 WD across National Day is 2026-10-09', async () => {
    h.at('2026-09-30T15:00');
    const m = await open('test.since', { on: '2026-09-29' });
    const d = await detail(m.id);
    expect(d.deadlines).toMatchObject([
      { ruleKey: 'catalog.update', article: 'Art. 15', startsOn: '2026-09-29', dueDate: '2026-10-09' },
    ]);
    const row = await h.t.ctx.db
      .selectFrom('deadline')
      .select('received_at')
      .where('matter_id', '=', m.id)
      .executeTakeFirstOrThrow();
    // 09:00 Beijing on the day of the change.
    expect(row.received_at.toISOString()).toBe('2026-09-29T01:00:00.000Z');
  });

  it('a rest day moves the start to the next working day (2026-10-03 → starts 10-08, due 10-12)', async () => {
    h.at('2026-10-08T10:00');
    const m = await open('test.since', { on: '2026-10-03' });
    expect((await detail(m.id)).deadlines[0]).toMatchObject({
      startsOn: '2026-10-08',
      dueDate: '2026-10-12',
    });
  });

  it('a change recorded late is overdue at once, and the sweep marks it', async () => {
    h.at('2026-06-20T10:00');
    const m = await open('test.since', { on: '2026-06-01' });
    expect((await detail(m.id)).deadlines[0]).toMatchObject({ dueDate: '2026-06-04', status: 'overdue' });
    await sweepDeadlines(h.t.ctx, 'test');
    const row = await h.t.ctx.db
      .selectFrom('deadline')
      .select('status')
      .where('matter_id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('overdue');
  });

  it('refuses a missing, malformed or future date with 422 naming the field', async () => {
    h.at('2026-06-20T10:00');
    for (const on of [undefined, '2026-02-30', 20260601, '2026-06-21']) {
      await expect(open('test.since', on === undefined ? {} : { on })).rejects.toMatchObject({
        status: 422,
        errors: [{ field: 'data.on' }],
      });
    }
  });

  it('refuses a declaration whose startsFrom is not a field name', () => {
    expect(() =>
      defineMatterType({
        type: 'test.since.bad',
        name: 'x',
        initial: 'a',
        states: {
          a: { name: 'A', tone: 'default', deadline: { rule: 'catalog.update', startsFrom: 'no good' } },
        },
        transitions: {},
      }),
    ).toThrow(/startsFrom/);
  });
});

describe('an effect that moves the matter on at once (Art. 16: no users, revoked on approval)', () => {
  it('takes the next transition in the same transaction: both on the timeline and in the ledger', async () => {
    h.at('2026-06-22T10:00');
    const m = await open('test.onward', { atOnce: true });
    const d = ok(await h.act('sheng.admin', m.id, 'approve'));
    expect(d.state).toBe('closed');
    expect(d.history.map((e: { transition: string; toState: string }) => [e.transition, e.toState])).toEqual([
      ['open', 'asked'],
      ['approve', 'approved'],
      ['close', 'closed'],
    ]);
    expect(await ledgerCount(h.t, 'matter.test.onward.approve', `matter:${m.id}`)).toBe(1);
    expect(await ledgerCount(h.t, 'matter.test.onward.close', `matter:${m.id}`)).toBe(1);
    // No todo was left for the state passed through.
    const todo = ok(await h.get('sheng.admin', '/api/v1/matters/todo'));
    expect(todo.items.find((i: { id: number }) => i.id === m.id)).toBeUndefined();
  });

  it('stays in the state when the effect says nothing more', async () => {
    const m = await open('test.onward', { atOnce: false });
    expect(ok(await h.act('sheng.admin', m.id, 'approve')).state).toBe('approved');
  });
});
