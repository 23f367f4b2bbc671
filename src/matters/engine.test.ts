import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCalendar } from '../kernel/calendar/index.ts';
import { verifyLedger } from '../kernel/ledger/verify.ts';
import { sweepDeadlines } from './deadlines-sweep.ts';
import { type Harness, ledgerCount, ok, startHarness } from './support.test-helpers.ts';

// The engine on a declared test type (Art. 12 shape): submit → return → resubmit → approve, with the
// 5-WD revision deadline opened, met, missed and extended across the 2026 National Day holiday
// (10-01…10-07 off, Saturday 10-10 a 调休 working day).

let h: Harness;
const USERS = ['gat.data', 'gat.user', 'sheng.reviewer', 'sheng.admin', 'hrb.admin', 'mzt.data', 'auditor'];

beforeAll(async () => {
  h = await startHarness();
  await h.login(...USERS);
});
afterAll(() => h.t.close());

const detail = async (user: string, id: number) => ok(await h.get(user, `/api/v1/matters/${id}`));

describe('a matter through the engine', () => {
  let id: number;

  it('opens in its initial state with a timeline entry and a todo for the provider', async () => {
    h.at('2026-09-28T10:00');
    const m = await h.open('gat.data', '居民户籍信息目录');
    id = m.id;
    const d = await detail('gat.data', id);
    expect(d).toMatchObject({
      type: 'test.review',
      typeName: '测试审核事项',
      state: 'draft',
      stateName: '草稿',
    });
    expect(d.parties).toEqual([
      { role: 'provider', agencyId: h.me['gat.data'].agency.id, agencyName: '黑龙江省公安厅' },
    ]);
    expect(d.history).toHaveLength(1);
    expect(d.history[0]).toMatchObject({
      transition: 'open',
      label: '创建',
      toState: 'draft',
      actor: 'gat.data',
    });
    expect(d.actions.map((a: { name: string }) => a.name)).toEqual(['submit', 'withdraw']);
    expect(await ledgerCount(h.t, 'matter.test.review.open', `matter:${id}`)).toBe(1);
  });

  it('submit: the provider’s data officer; the reviewer gets a todo', async () => {
    ok(await h.act('gat.data', id, 'submit'));
    const todo = ok(await h.get('sheng.reviewer', '/api/v1/matters/todo'));
    const item = todo.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({
      state: 'reviewing',
      stateTone: 'processing',
      partyName: '黑龙江省公安厅',
      deadline: null,
    });
    expect(item.actions.map((a: { name: string }) => a.name)).toEqual(['return', 'approve']);
    const inbox = ok(await h.get('sheng.reviewer', '/api/v1/messages?category=todo&done=false'));
    expect(inbox.items.some((m: { matterId: number }) => m.matterId === id)).toBe(true);
  });

  it('Art. 12: a return without a reason is refused with problem+json naming the article', async () => {
    h.at('2026-09-29T10:00');
    for (const body of [{}, { reason: '   ' }]) {
      const res = await h.act('sheng.reviewer', id, 'return', body);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        type: 'https://govdata.hlj.gov.cn/problems/reason-required',
        title: '退回或拒绝须说明理由',
        article: 'Art. 12',
        errors: [{ field: 'reason' }],
      });
    }
    expect((await detail('gat.data', id)).state).toBe('reviewing');
  });

  it('Art. 12: return with a reason opens a 5-WD deadline across National Day (due 2026-10-12)', async () => {
    const cal = await currentCalendar(h.t.ctx);
    expect(cal.addWorkingDays('2026-09-29', 5)).toBe('2026-10-12');
    const d = ok(await h.act('sheng.reviewer', id, 'return', { reason: '数据项“户籍地址”缺少字段说明' }));
    expect(d.state).toBe('returned');
    expect(d.deadlines).toHaveLength(1);
    expect(d.deadlines[0]).toMatchObject({
      ruleKey: 'catalog.revise',
      name: '目录修改期限',
      article: 'Art. 12',
      startsOn: '2026-09-29',
      dueDate: '2026-10-12',
      dueAt: '2026-10-12T15:59:59.999Z',
      status: 'open',
      provisional: false,
      remainingWorkingDays: 5,
      overdueWorkingDays: null,
      ruleVersion: { id: 1 },
    });
    expect(d.deadlines[0].articleText).toContain('5个工作日内完成修改');
    expect(d.history.at(-1)).toMatchObject({
      transition: 'return',
      reason: '数据项“户籍地址”缺少字段说明',
      actor: 'sheng.reviewer',
    });
    // The reviewer's todo is done; the provider's data officers have one, with the due time.
    const gat = ok(await h.get('gat.data', '/api/v1/messages?category=todo&done=false'));
    expect(gat.items.find((m: { matterId: number }) => m.matterId === id)).toMatchObject({
      dueAt: '2026-10-12T15:59:59.999Z',
    });
    const rev = ok(await h.get('sheng.reviewer', '/api/v1/messages?category=todo&done=false'));
    expect(rev.items.some((m: { matterId: number }) => m.matterId === id)).toBe(false);
  });

  it('counts down in working days: on 10-09 three remain (10-09, the 调休 Saturday 10-10, 10-12)', async () => {
    h.at('2026-10-09T10:00');
    const todo = ok(await h.get('gat.data', '/api/v1/matters/todo'));
    const item = todo.items.find((i: { id: number }) => i.id === id);
    expect(item.deadline).toMatchObject({ status: 'open', remainingWorkingDays: 3 });
    expect(item.actions.map((a: { name: string }) => a.name)).toEqual(['resubmit', 'withdraw']);
  });

  it('resubmit meets the deadline in time', async () => {
    const d = ok(await h.act('gat.data', id, 'resubmit', { data: { note: '已补充字段说明' } }));
    expect(d.state).toBe('reviewing');
    expect(d.data).toMatchObject({ note: '已补充字段说明' });
    expect(d.deadlines[0]).toMatchObject({ status: 'met', late: false, metAt: '2026-10-09T02:00:00.000Z' });
  });

  it('approve ends the matter, runs the domain effect in the same transaction, and tells the provider', async () => {
    const d = ok(await h.act('sheng.reviewer', id, 'approve'));
    expect(d).toMatchObject({ state: 'approved', stateTone: 'success', actions: [] });
    expect(d.history.map((e: { transition: string }) => e.transition)).toEqual([
      'open',
      'submit',
      'return',
      'resubmit',
      'approve',
    ]);
    expect(d.history.at(-1)).toMatchObject({
      fromStateName: '审核中',
      toStateName: '已通过',
      agencyName: '黑龙江省政务数据主管部门',
    });
    expect(await ledgerCount(h.t, 'test.review.effect', `matter:${id}`)).toBe(1);
    for (const a of ['submit', 'return', 'resubmit', 'approve']) {
      expect(await ledgerCount(h.t, `matter.test.review.${a}`, `matter:${id}`)).toBe(1);
    }
    const notices = ok(await h.get('gat.data', '/api/v1/messages?category=notice'));
    expect(notices.items.some((m: { matterId: number }) => m.matterId === id)).toBe(true);
    const todos = ok(await h.get('gat.data', '/api/v1/messages?category=todo&done=false'));
    expect(todos.items.some((m: { matterId: number }) => m.matterId === id)).toBe(false);
    // A terminal state allows nothing.
    const again = await h.act('sheng.reviewer', id, 'return', { reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toBe('事项当前状态不允许此操作');
  });
});

describe('deadlines missed and extended', () => {
  let missed: number;
  let extended: number;

  it('after 17:00 a matter counts from the next working day: returned 09-30 18:00 → due 10-14', async () => {
    h.at('2026-09-30T09:00');
    const m = await h.open('gat.data', '迟到的目录');
    ok(await h.act('gat.data', m.id, 'submit'));
    h.at('2026-09-30T18:00');
    const d = ok(await h.act('sheng.reviewer', m.id, 'return', { reason: '请补充' }));
    expect(d.deadlines[0]).toMatchObject({ startsOn: '2026-10-08', dueDate: '2026-10-14' });
  });

  it('opens two more deadlines on 09-29 (due 10-12)', async () => {
    h.at('2026-09-29T10:00');
    for (const title of ['将超期的目录', '将延期的目录']) {
      const m = await h.open('gat.data', title);
      ok(await h.act('gat.data', m.id, 'submit'));
      ok(await h.act('sheng.reviewer', m.id, 'return', { reason: '请修改' }));
      if (title === '将超期的目录') missed = m.id;
      else extended = m.id;
    }
  });

  it('Art. 15: an extension needs a policy basis, the authority admin, and adds 5 WD to the due date', async () => {
    h.at('2026-10-09T15:00');
    const noBasis = await h.act('sheng.admin', extended, 'extend');
    expect(noBasis.statusCode).toBe(422);
    expect(noBasis.json()).toMatchObject({
      title: '须提供相关依据',
      article: 'Art. 15',
      errors: [{ field: 'legalBasis' }],
    });
    const reviewer = await h.act('sheng.reviewer', extended, 'extend', { legalBasis: '省政府文件' });
    expect(reviewer.statusCode).toBe(403);
    expect(reviewer.json().detail).toContain('同级政务数据主管部门的主管部门管理员');
    const d = ok(
      await h.act('sheng.admin', extended, 'extend', { legalBasis: '《关于调整户籍数据标准的通知》' }),
    );
    expect(d.state).toBe('returned');
    expect(d.deadlines).toHaveLength(1);
    expect(d.deadlines[0]).toMatchObject({
      status: 'open',
      extendedFrom: '2026-10-12',
      dueDate: '2026-10-19',
    });
    expect(d.history.at(-1)).toMatchObject({
      transition: 'extend',
      legalBasis: '《关于调整户籍数据标准的通知》',
    });
    const twice = await h.act('sheng.admin', extended, 'extend', { legalBasis: '再次申请' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().title).toBe('该期限已延长过');
    // The provider's todo now carries the extended due time.
    const todos = ok(await h.get('gat.data', '/api/v1/messages?category=todo&done=false'));
    expect(todos.items.find((m: { matterId: number }) => m.matterId === extended).dueAt).toBe(
      '2026-10-19T15:59:59.999Z',
    );
  });

  it('a missed deadline reads overdue at once, and the sweep marks it once and warns both agencies', async () => {
    h.at('2026-10-13T10:00');
    const before = await detail('gat.data', missed);
    expect(before.deadlines[0]).toMatchObject({
      status: 'overdue',
      overdueWorkingDays: 1,
      remainingWorkingDays: null,
    });
    const r = await sweepDeadlines(h.t.ctx, 'test');
    expect(r?.overdue).toBeGreaterThanOrEqual(1);
    expect(await sweepDeadlines(h.t.ctx, 'test')).toEqual({ overdue: 0, recomputed: 0 });
    const dl = before.deadlines[0].id;
    expect(await ledgerCount(h.t, 'deadline.overdue', `deadline:${dl}`)).toBe(1);
    const warn = ok(await h.get('gat.data', '/api/v1/messages?category=warning'));
    expect(warn.items.find((m: { matterId: number }) => m.matterId === missed)).toMatchObject({
      title: '已超期：目录修改期限',
    });
    const sup = ok(await h.get('sheng.reviewer', '/api/v1/messages?category=warning'));
    expect(sup.items.find((m: { matterId: number }) => m.matterId === missed).title).toContain('督办提醒');
    // The extended one is still open.
    expect((await detail('gat.data', extended)).deadlines[0]).toMatchObject({
      status: 'open',
      remainingWorkingDays: 5,
    });
  });

  it('an overdue deadline cannot be extended; resubmitting meets it late', async () => {
    const ext = await h.act('sheng.admin', missed, 'extend', { legalBasis: '依据' });
    expect(ext.statusCode).toBe(409);
    expect(ext.json().title).toBe('期限已届满，不能延长');
    const d = ok(await h.act('gat.data', missed, 'resubmit'));
    expect(d.deadlines[0]).toMatchObject({ status: 'met', late: true });
    const withdrawn = ok(await h.act('gat.data', extended, 'withdraw'));
    expect(withdrawn.deadlines[0]).toMatchObject({ status: 'cancelled', metAt: null });
  });
});

describe('who may act, and who may see', () => {
  let id: number;
  beforeAll(async () => {
    h.at('2026-11-02T10:00');
    id = (await h.open('gat.data', '权限测试目录')).id;
  });

  it('a wrong role or relation is refused with 403 naming who may act', async () => {
    const user = await h.act('gat.user', id, 'submit');
    expect(user.statusCode).toBe(403);
    expect(user.json()).toMatchObject({
      title: '无权办理该事项',
      detail: '“提交审核”须由数据提供部门的数据管理员办理',
    });
    expect((await h.act('sheng.admin', id, 'submit')).statusCode).toBe(403);
    // A transition needs no body at all when it asks for nothing.
    ok(
      await h.t.call(h.token['gat.data'], {
        method: 'POST',
        url: `/api/v1/matters/${id}/transitions/submit`,
      }),
    );
    expect((await h.act('gat.data', id, 'approve')).statusCode).toBe(403);
    // The auditor's agency is the reviewing authority, but auditing is not reviewing.
    expect((await h.act('auditor', id, 'approve')).statusCode).toBe(403);
  });

  it('a wrong state is 409, an unknown transition 404', async () => {
    const res = await h.act('gat.data', id, 'resubmit');
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('事项当前状态不允许此操作');
    expect((await h.act('gat.data', id, 'teleport')).statusCode).toBe(404);
  });

  it('is seen by its parties and supervising authorities only (Art. 5); others get 404', async () => {
    ok(await h.get('gat.data', `/api/v1/matters/${id}`));
    ok(await h.get('sheng.admin', `/api/v1/matters/${id}`));
    for (const u of ['hrb.admin', 'mzt.data']) {
      expect((await h.get(u, `/api/v1/matters/${id}`)).statusCode).toBe(404);
      expect((await h.act(u, id, 'approve')).statusCode).toBe(404);
      const list = ok(await h.get(u, '/api/v1/matters'));
      expect(list.items.some((m: { id: number }) => m.id === id)).toBe(false);
    }
    const mine = ok(await h.get('gat.data', '/api/v1/matters?type=test.review&state=reviewing'));
    expect(mine.items.map((m: { id: number }) => m.id)).toContain(id);
    expect(mine.items.every((m: { state: string }) => m.state === 'reviewing')).toBe(true);
  });

  it('left the ledger chain intact through all of the above', async () => {
    expect(await verifyLedger(h.t.ctx)).toMatchObject({ ok: true });
  });

  it('every matters route needs a login', async () => {
    for (const url of ['/api/v1/matters/todo', '/api/v1/matters', `/api/v1/matters/${id}`]) {
      expect((await h.get(null, url)).statusCode).toBe(401);
    }
    const res = await h.t.call(null, {
      method: 'POST',
      url: `/api/v1/matters/${id}/transitions/approve`,
      payload: {},
    });
    expect(res.statusCode).toBe(401);
  });
});
