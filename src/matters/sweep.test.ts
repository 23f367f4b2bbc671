import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger } from '../../test/helpers/env.ts';
import { isPostgres } from '../../test/helpers/system.ts';
import { openSystem } from '../system.ts';
import { markOverdueDeadlines, sweepDeadlines } from './deadlines-sweep.ts';
import { type Harness, ledgerCount, ok, startHarness } from './support.test-helpers.ts';

// Art. 42 跟踪督办: the sweep marks each overdue deadline once, however many processes run it, and
// recomputes provisional deadlines once the calendar knows their year.

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.login('gat.data', 'sheng.reviewer', 'sheng.admin');
});
afterAll(() => h.t.close());

async function returned(n: number, title: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = await h.open('gat.data', `${title}${i + 1}`);
    ok(await h.act('gat.data', m.id, 'submit'));
    ok(await h.act('sheng.reviewer', m.id, 'return', { reason: '请修改' }));
    ids.push(m.id);
  }
  return ids;
}

async function deadlineIds(matters: number[]): Promise<number[]> {
  const rows = await h.t.ctx.db
    .selectFrom('deadline')
    .select('id')
    .where('matter_id', 'in', matters)
    .execute();
  return rows.map((r) => r.id);
}

async function expectEachMarkedOnce(ids: number[]) {
  for (const id of ids)
    expect(await ledgerCount(h.t, 'deadline.overdue', `deadline:${id}`), `deadline ${id}`).toBe(1);
}

describe('the deadline sweep', () => {
  it('two sweeps in parallel (different holders) mark each overdue deadline exactly once', async () => {
    h.at('2026-04-01T10:00');
    const ids = await deadlineIds(await returned(6, '并行督办'));
    h.at('2026-04-20T10:00');
    const results = await Promise.all([sweepDeadlines(h.t.ctx, 'host-a'), sweepDeadlines(h.t.ctx, 'host-b')]);
    const marked = results.reduce((s, r) => s + (r?.overdue ?? 0), 0);
    expect(marked).toBe(6);
    await expectEachMarkedOnce(ids);
    expect(await sweepDeadlines(h.t.ctx, 'host-a')).toEqual({ overdue: 0, recomputed: 0 });
  });

  it('without the lease, the marking statement alone still marks each once', async () => {
    h.at('2026-05-06T10:00');
    const ids = await deadlineIds(await returned(4, '无租约督办'));
    h.at('2026-05-20T10:00');
    const counts = await Promise.all([markOverdueDeadlines(h.t.ctx), markOverdueDeadlines(h.t.ctx)]);
    expect(counts[0] + counts[1]).toBe(4);
    await expectEachMarkedOnce(ids);
  });

  it.runIf(isPostgres())(
    'two systems on one PostgreSQL database mark each overdue deadline once',
    async () => {
      h.at('2026-06-01T10:00');
      const ids = await deadlineIds(await returned(8, '双进程督办'));
      h.at('2026-06-22T10:00');
      const other = await openSystem(h.t.config, {
        databaseUrl: h.t.databaseUrl,
        clock: h.t.clock,
        log: quietLogger,
      });
      try {
        const [a, b] = await Promise.all([
          sweepDeadlines(h.t.ctx, 'proc-a'),
          sweepDeadlines(other.ctx, 'proc-b'),
        ]);
        expect((a?.overdue ?? 0) + (b?.overdue ?? 0)).toBe(8);
        await expectEachMarkedOnce(ids);
        // And the bare statement, raced from both processes.
        h.at('2026-07-01T10:00');
        const more = await deadlineIds(await returned(8, '双进程无租约'));
        h.at('2026-07-22T10:00');
        const runs = await Promise.all([
          markOverdueDeadlines(h.t.ctx),
          markOverdueDeadlines(other.ctx),
          markOverdueDeadlines(h.t.ctx),
          markOverdueDeadlines(other.ctx),
        ]);
        expect(runs.reduce((s, n) => s + n, 0)).toBe(8);
        await expectEachMarkedOnce(more);
      } finally {
        await other.close();
      }
    },
  );
});

describe('provisional deadlines (a year without calendar data)', () => {
  let matter: number;

  it('a deadline reaching into 2027 is counted Mon–Fri there and flagged provisional', async () => {
    h.at('2026-12-28T10:00'); // Monday
    [matter] = await returned(1, '跨年目录');
    const d = ok(await h.get('gat.data', `/api/v1/matters/${matter}`)).deadlines[0];
    // 12-29, 12-30, 12-31, then Friday 2027-01-01 and Monday 01-04 by the weekday rule.
    expect(d).toMatchObject({
      startsOn: '2026-12-28',
      dueDate: '2027-01-04',
      provisional: true,
      status: 'open',
    });
  });

  it('is recomputed (ledgered) once 2027 is entered through the calendar API', async () => {
    const put = await h.t.call(h.token['sheng.admin'], {
      method: 'PUT',
      url: '/api/v1/calendar/years/2027',
      payload: {
        source: '测试用：2027年部分节假日安排',
        days: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-02', kind: 'holiday', name: '元旦' },
          { date: '2027-01-03', kind: 'holiday', name: '元旦' },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(201);
    const d = ok(await h.get('gat.data', `/api/v1/matters/${matter}`)).deadlines[0];
    expect(d).toMatchObject({ dueDate: '2027-01-05', provisional: false, status: 'open' });
    expect(await ledgerCount(h.t, 'deadline.recompute', `deadline:${d.id}`)).toBe(1);
    // Nothing left for the sweep's durable path.
    expect(await sweepDeadlines(h.t.ctx, 'host-a')).toEqual({ overdue: 0, recomputed: 0 });
  });
});
