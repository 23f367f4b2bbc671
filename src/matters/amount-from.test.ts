import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../kernel/context.ts';
import { openMatter } from './engine.ts';
import { actorFrom, type Harness, ok, startHarness } from './support.test-helpers.ts';
import { defineMatterType } from './types.ts';

// Engine extensions for limits the matter states itself (Art. 41 责令限期改正 names no number):
// a state's deadline amount and an extension's days from the matter's data, under the rule's amount
// as ceiling; and a deadline carried through a state where the other side decides (an extension
// request) instead of being met there.

const BY_PROVIDER = [{ roles: ['data_officer' as const], relation: 'provider' as const }];
const BY_AUTHORITY = [{ roles: ['authority_admin' as const], relation: 'same_level_authority' as const }];

defineMatterType({
  type: 'test.limit',
  name: '测试限期事项',
  states: {
    // catalog.revise is 5 WD: the ceiling here.
    running: {
      name: '办理中',
      tone: 'processing',
      deadline: { rule: 'catalog.revise', party: 'provider', amountFrom: 'days' },
    },
    asking: { name: '申请延期', tone: 'warning' },
    done: { name: '完成', tone: 'success', terminal: true },
    dropped: { name: '撤销', tone: 'default', terminal: true },
  },
  initial: 'running',
  transitions: {
    ask: { label: '申请延期', from: ['running'], to: 'asking', by: BY_PROVIDER, carriesDeadline: true },
    grant: {
      label: '同意延期',
      from: ['asking'],
      to: 'running',
      by: BY_AUTHORITY,
      carriesDeadline: true,
      extendsDeadline: { rule: 'catalog.update.extension', amountFrom: 'extra' },
    },
    refuse: { label: '不同意', from: ['asking'], to: 'running', by: BY_AUTHORITY, carriesDeadline: true },
    finish: { label: '完成', from: ['running'], to: 'done', by: BY_PROVIDER },
    drop: {
      label: '撤销',
      from: ['running', 'asking'],
      to: 'dropped',
      by: BY_AUTHORITY,
      closesDeadlineAs: 'cancelled',
    },
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.login('gat.data', 'sheng.admin');
});
afterAll(() => h.t.close());

const open = (data: Record<string, unknown>) => {
  const actor = actorFrom(h.me['sheng.admin']);
  return inTransaction(h.t.ctx, actor, (tx) =>
    openMatter(tx, actor, {
      type: 'test.limit',
      title: '限期事项',
      subject: 'test:limit',
      parties: { provider: h.me['gat.data'].agency.id },
      data,
    }),
  );
};
const detail = async (id: number) => ok(await h.get('gat.data', `/api/v1/matters/${id}`));

describe('declaration checks', () => {
  const base = {
    name: 'x',
    initial: 'a' as const,
    states: {
      a: { name: 'A', tone: 'default' as const, deadline: 'catalog.revise' },
      b: { name: 'B', tone: 'default' as const },
    },
  };
  it('refuses a carry that does not move, an extension that moves without carrying, a bad field name', () => {
    expect(() =>
      defineMatterType({
        ...base,
        type: 'test.bad1',
        transitions: { t: { label: 't', from: ['a'], to: 'a', by: BY_PROVIDER, carriesDeadline: true } },
      }),
    ).toThrow(/carries a deadline without moving/);
    expect(() =>
      defineMatterType({
        ...base,
        type: 'test.bad2',
        transitions: {
          t: {
            label: 't',
            from: ['a'],
            to: 'b',
            by: BY_PROVIDER,
            extendsDeadline: { rule: 'catalog.update.extension' },
          },
        },
      }),
    ).toThrow(/must stay in its state or carry/);
    expect(() =>
      defineMatterType({
        ...base,
        type: 'test.bad3',
        states: {
          ...base.states,
          a: { name: 'A', tone: 'default', deadline: { rule: 'catalog.revise', amountFrom: 'no-t ok' } },
        },
        transitions: {},
      }),
    ).toThrow(/amountFrom/);
  });
});

describe('a deadline amount from the matter’s data', () => {
  it('takes the data’s working days (3 of at most 5)', async () => {
    h.at('2026-06-01T10:00');
    const m = await open({ days: 3 });
    expect((await detail(m.id)).deadlines[0]).toMatchObject({
      startsOn: '2026-06-01',
      dueDate: '2026-06-04',
    });
  });

  it('refuses a missing, fractional or over-the-ceiling amount, field by field', async () => {
    for (const days of [undefined, 2.5, 0, 6, '3']) {
      await expect(open(days === undefined ? {} : { days })).rejects.toMatchObject({
        status: 400,
        errors: [
          { field: 'data.days', message: '须为1至5之间的整数（个工作日，目录修改期限上限，Art. 12）' },
        ],
      });
    }
  });
});

describe('a deadline carried through an extension request', () => {
  let id: number;
  let deadline: number;

  it('keeps running (same deadline, now in the request state) and is not met', async () => {
    h.at('2026-06-01T10:00');
    id = (await open({ days: 3 })).id;
    deadline = (await detail(id)).deadlines[0].id;
    h.at('2026-06-02T10:00');
    const d = ok(await h.act('gat.data', id, 'ask', { data: { extra: 2 } }));
    expect(d.state).toBe('asking');
    expect(d.deadlines).toMatchObject([{ id: deadline, status: 'open', dueDate: '2026-06-04' }]);
    const row = await h.t.ctx.db
      .selectFrom('deadline')
      .select('state')
      .where('id', '=', deadline)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('asking');
  });

  it('back with the extension: the data’s days added, no new deadline opened', async () => {
    const over = await h.act('sheng.admin', id, 'grant', { data: { extra: 9 } });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0].field).toBe('data.extra');
    const d = ok(await h.act('sheng.admin', id, 'grant'));
    expect(d.state).toBe('running');
    expect(d.deadlines).toMatchObject([
      { id: deadline, status: 'open', extendedFrom: '2026-06-04', dueDate: '2026-06-08' },
    ]);
  });

  it('refused: back unchanged; a later move meets it, or a cancel cancels it in the state it was carried to', async () => {
    ok(await h.act('gat.data', id, 'ask'));
    const d = ok(await h.act('sheng.admin', id, 'refuse'));
    expect(d.deadlines).toMatchObject([{ id: deadline, status: 'open', dueDate: '2026-06-08' }]);
    ok(await h.act('gat.data', id, 'ask'));
    const dropped = ok(await h.act('sheng.admin', id, 'drop'));
    expect(dropped.deadlines).toMatchObject([{ id: deadline, status: 'cancelled' }]);
  });
});
