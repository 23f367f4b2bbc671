import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, systemActor } from '../kernel/context.ts';
import { openMatter, sweepDeadlines, transition } from '../matters/index.ts';
import { type Harness, ok, startHarness } from '../matters/support.test-helpers.ts';

// Art. 42 跟踪督办: the deadline board. An authority sees the agencies it supervises (its own level
// and below in its region, Art. 5), a department its own.

let h: Harness;
const agency: Record<string, number> = {};
const matterOf: Record<string, number> = {};

async function returnedFor(code: string, title: string): Promise<number> {
  const m = await inTransaction(h.t.ctx, systemActor, (tx) =>
    openMatter(tx, systemActor, {
      type: 'test.review',
      title,
      subject: `test:${title}`,
      parties: { provider: agency[code] },
    }),
  );
  await transition(h.t.ctx, systemActor, m.id, 'submit');
  await transition(h.t.ctx, systemActor, m.id, 'return', { reason: '请按标准修改' });
  return m.id;
}

type Board = {
  items: {
    agencyId: number;
    agencyName: string;
    status: string;
    link: string;
    matterTitle: string;
    matterId: number;
  }[];
  total: number;
  counts: {
    byAgency: { agencyId: number; agencyName: string; open: number; overdue: number; met: number }[];
    byArticle: { article: string; articleText: string; open: number; overdue: number; met: number }[];
  };
};
const board = async (user: string, query = ''): Promise<Board> =>
  ok(await h.get(user, `/api/v1/supervision/deadlines${query}`));
const names = (b: Board) => b.counts.byAgency.map((a) => a.agencyName).sort();

beforeAll(async () => {
  h = await startHarness();
  await h.login(
    'sheng.admin',
    'hrb.admin',
    'dq.admin',
    'gat.data',
    'hrb.gaj.data',
    'mzt.data',
    'gat.user',
    'auditor',
  );
  const all = ok(await h.get('sheng.admin', '/api/v1/agencies?pageSize=500'));
  for (const a of all.items) agency[a.code] = a.id;
  // 2026-06-01 (Monday): five returns, due 06-08.
  h.at('2026-06-01T10:00');
  for (const code of ['hlj.gat', 'hrb.gaj', 'hrb.dl.mzj', 'dq.gaj', 'dq.zz.gaj']) {
    matterOf[code] = await returnedFor(code, `${code} 目录`);
  }
  h.at('2026-06-03T10:00');
  await transition(h.t.ctx, systemActor, matterOf['hrb.gaj'], 'resubmit');
  // 2026-06-10: the other four are overdue; two new returns are open.
  h.at('2026-06-10T10:00');
  await returnedFor('hrb.gaj', 'hrb.gaj 第二个目录');
  await returnedFor('hrb.dl.mzj', 'hrb.dl.mzj 第二个目录');
});
afterAll(() => h.t.close());

describe('the deadline board (Art. 42)', () => {
  it('hrb.admin sees 哈尔滨’s agencies (county level included) and not 大庆’s', async () => {
    const b = await board('hrb.admin');
    expect(names(b)).toEqual(['哈尔滨市公安局', '哈尔滨市道里区民政局']);
    expect(b.total).toBe(4);
    expect(b.counts.byAgency.find((a) => a.agencyId === agency['hrb.gaj'])).toMatchObject({
      open: 1,
      overdue: 0,
      met: 1,
    });
    expect(b.counts.byAgency.find((a) => a.agencyId === agency['hrb.dl.mzj'])).toMatchObject({
      open: 1,
      overdue: 1,
      met: 0,
    });
    expect(b.items.some((i) => i.agencyName.startsWith('大庆'))).toBe(false);
  });

  it('sheng.admin sees every agency, with exact counts per agency and article over the whole set', async () => {
    const b = await board('sheng.admin', '?pageSize=1');
    expect(b.items).toHaveLength(1);
    expect(b.total).toBe(7);
    expect(names(b)).toEqual(
      ['哈尔滨市公安局', '哈尔滨市道里区民政局', '大庆市公安局', '肇州县公安局', '黑龙江省公安厅'].sort(),
    );
    expect(b.counts.byArticle).toHaveLength(1);
    expect(b.counts.byArticle[0]).toMatchObject({ article: 'Art. 12', open: 2, overdue: 4, met: 1 });
    expect(b.counts.byArticle[0].articleText).toContain('5个工作日内完成修改');
    // Most overdue first.
    expect(b.counts.byAgency[0].overdue).toBeGreaterThanOrEqual(b.counts.byAgency.at(-1)!.overdue);
  });

  it('dq.admin sees 大庆 only; a department sees its own', async () => {
    expect(names(await board('dq.admin'))).toEqual(['大庆市公安局', '肇州县公安局'].sort());
    const gat = await board('gat.data');
    expect(names(gat)).toEqual(['黑龙江省公安厅']);
    expect(gat.items).toHaveLength(1);
    expect(gat.items[0]).toMatchObject({
      status: 'overdue',
      link: `/console/matters/${matterOf['hlj.gat']}`,
    });
    expect(names(await board('hrb.gaj.data'))).toEqual(['哈尔滨市公安局']);
    expect(await board('mzt.data')).toMatchObject({
      items: [],
      total: 0,
      counts: { byAgency: [], byArticle: [] },
    });
  });

  it('filters by status, agency and article; counts ignore only the status', async () => {
    const overdue = await board('hrb.admin', '?status=overdue');
    expect(overdue.total).toBe(1);
    expect(overdue.items[0]).toMatchObject({
      agencyId: agency['hrb.dl.mzj'],
      status: 'overdue',
      matterTitle: 'hrb.dl.mzj 目录',
    });
    expect(overdue.counts.byAgency).toHaveLength(2);
    const met = await board('hrb.admin', '?status=met');
    expect(met.items.map((i) => i.matterId)).toEqual([matterOf['hrb.gaj']]);
    const one = await board('hrb.admin', `?agencyId=${agency['hrb.gaj']}`);
    expect(one.total).toBe(2);
    expect(one.counts.byAgency.map((a) => a.agencyId)).toEqual([agency['hrb.gaj']]);
    expect((await board('sheng.admin', '?article=Art.%2029')).total).toBe(0);
  });

  it('the sweep changes no count: an open deadline past due already reads overdue', async () => {
    const before = await board('sheng.admin');
    expect(await sweepDeadlines(h.t.ctx, 'board-test')).toMatchObject({ overdue: 4 });
    const after = await board('sheng.admin');
    expect(after.counts).toEqual(before.counts);
  });

  it('no login 401, no permission 403, another region’s agency 403', async () => {
    expect((await h.get(null, '/api/v1/supervision/deadlines')).statusCode).toBe(401);
    const user = await h.get('gat.user', '/api/v1/supervision/deadlines');
    expect(user.statusCode).toBe(403);
    const other = await h.get('hrb.admin', `/api/v1/supervision/deadlines?agencyId=${agency['dq.gaj']}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().title).toBe('无权查看该机构的办理期限');
    expect(
      (await h.get('gat.data', `/api/v1/supervision/deadlines?agencyId=${agency['hrb.gaj']}`)).statusCode,
    ).toBe(403);
    // The auditor (at the provincial authority) reads the province's board.
    expect((await board('auditor')).total).toBe(7);
  });
});
