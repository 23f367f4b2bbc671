import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCalendar } from '../kernel/calendar/index.ts';
import { verifyLedger } from '../kernel/ledger/verify.ts';
import { sweepDeadlines } from '../matters/index.ts';
import { type Harness, ledgerCount, ok, startHarness } from '../matters/support.test-helpers.ts';

// Art. 41–42 整改通知: issued by an authority to an agency it supervises (Art. 5) with a time limit
// the order states; reported, returned with reasons (a fresh limit), accepted; an extension asked for
// while the time runs, granted or refused. June 2026: 06-01 is a Monday, no holiday before 06-19.

let h: Harness;
const agency: Record<string, number> = {};
const USERS = ['sheng.admin', 'hrb.admin', 'dq.admin', 'gat.data', 'mzt.data', 'hrb.gaj.data', 'gat.user'];

beforeAll(async () => {
  h = await startHarness();
  await h.login(...USERS);
  const all = ok(await h.get('sheng.admin', '/api/v1/agencies?pageSize=500'));
  for (const a of all.items) agency[a.code] = a.id;
});
afterAll(() => h.t.close());

const issue = (user: string | null, body: Record<string, unknown>) =>
  h.t.call(user ? h.token[user] : null, {
    method: 'POST',
    url: '/api/v1/supervision/rectifications',
    payload: body,
  });
const order = (code: string, more: Record<string, unknown> = {}) => ({
  agencyId: agency[code],
  ground: 'catalog',
  description: '你单位2026年第一季度目录更新不及时，户籍人口基本信息目录项与现行法规不符，请限期整改。',
  workingDays: 5,
  ...more,
});
const detail = async (user: string, id: number) => ok(await h.get(user, `/api/v1/matters/${id}`));
const names = (xs: { name: string }[]) => xs.map((x) => x.name);
const todosOf = async (user: string, id: number) =>
  ok(await h.get(user, '/api/v1/messages?category=todo&done=false')).items.filter(
    (m: { matterId: number }) => m.matterId === id,
  );

describe('a rectification order (Art. 41)', () => {
  let id: number;

  it('is issued by the authority: the department’s time limit starts and it gets a todo', async () => {
    h.at('2026-06-01T10:00');
    const d = ok(await issue('sheng.admin', order('hlj.gat')), 201);
    id = d.id;
    expect(d).toMatchObject({
      type: 'supervision.rectification',
      typeName: '整改通知',
      title: '整改通知：黑龙江省公安厅未按要求编制或更新目录',
      state: 'issued',
      stateName: '待整改',
      data: {
        ground: 'catalog',
        groundText: '《办法》第四十一条第（一）项：未按要求编制或更新目录',
        article: 'Art. 41',
        workingDays: 5,
      },
    });
    expect(d.parties.map((p: { role: string; agencyName: string }) => [p.role, p.agencyName])).toEqual([
      ['provider', '黑龙江省公安厅'],
      ['authority', '黑龙江省政务数据主管部门'],
    ]);
    expect(d.deadlines).toHaveLength(1);
    expect(d.deadlines[0]).toMatchObject({
      ruleKey: 'supervision.rectify',
      name: '限期整改期限',
      article: 'Art. 41',
      startsOn: '2026-06-01',
      dueDate: '2026-06-08',
      status: 'open',
      remainingWorkingDays: 5,
    });
    expect(d.actions).toEqual([]);
    expect(names((await detail('gat.data', id)).actions)).toEqual(['report', 'askExtension']);
    expect(await todosOf('gat.data', id)).toMatchObject([{ dueAt: '2026-06-08T15:59:59.999Z' }]);
    expect(await todosOf('sheng.admin', id)).toEqual([]);
    expect(await ledgerCount(h.t, 'matter.supervision.rectification.open', `matter:${id}`)).toBe(1);
  });

  it('Art. 41: a report needs its account of the rectification; the department sets no time limit', async () => {
    h.at('2026-06-04T15:00');
    const bare = await h.act('gat.data', id, 'report');
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({
      type: expect.stringMatching(/reason-required$/),
      article: 'Art. 41',
    });
    const sneaky = await h.act('gat.data', id, 'report', { reason: '已整改', data: { workingDays: 60 } });
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.json().errors).toEqual([{ field: 'data.workingDays', message: '此操作不接受该字段' }]);
    expect((await h.act('sheng.admin', id, 'accept')).statusCode).toBe(409);
    expect((await detail('gat.data', id)).state).toBe('issued');
  });

  it('the report meets the limit and asks the authority to accept', async () => {
    const d = ok(
      await h.act('gat.data', id, 'report', { reason: '已按现行法规修订户籍人口基本信息目录项并重新发布。' }),
    );
    expect(d).toMatchObject({ state: 'reported', stateName: '待验收' });
    expect(d.deadlines[0]).toMatchObject({ status: 'met', late: false });
    expect(d.history.at(-1)).toMatchObject({ transition: 'report', label: '整改反馈', actor: 'gat.data' });
    expect(names((await detail('sheng.admin', id)).actions)).toEqual(['accept', 'return']);
    expect(await todosOf('sheng.admin', id)).toHaveLength(1);
    expect((await h.act('gat.data', id, 'accept')).statusCode).toBe(403);
  });

  it('Art. 41: a return without reasons is refused (422 naming the article); with them, a fresh limit', async () => {
    h.at('2026-06-05T10:00');
    for (const body of [{}, { reason: '  ' }]) {
      const res = await h.act('sheng.admin', id, 'return', body);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        title: '退回或拒绝须说明理由',
        article: 'Art. 41',
        errors: [{ field: 'reason' }],
      });
    }
    const d = ok(
      await h.act('sheng.admin', id, 'return', {
        reason: '目录项“户籍地址”仍未按新版标准拆分为省市县三级，请重新整改。',
        data: { workingDays: 3 },
      }),
    );
    expect(d).toMatchObject({ state: 'issued', data: { workingDays: 3 } });
    expect(d.deadlines).toHaveLength(2);
    expect(d.deadlines[1]).toMatchObject({ startsOn: '2026-06-05', dueDate: '2026-06-10', status: 'open' });
    expect(await todosOf('gat.data', id)).toMatchObject([{ dueAt: '2026-06-10T15:59:59.999Z' }]);
  });

  it('reported again and accepted: closed, the department told', async () => {
    h.at('2026-06-09T11:00');
    ok(
      await h.act('gat.data', id, 'report', { reason: '已将户籍地址拆分为省、市、县三级目录项，重新发布。' }),
    );
    const d = ok(await h.act('sheng.admin', id, 'accept'));
    expect(d).toMatchObject({ state: 'closed', stateName: '已办结', actions: [] });
    expect(d.deadlines.map((x: { status: string }) => x.status)).toEqual(['met', 'met']);
    expect(d.history.map((e: { transition: string }) => e.transition)).toEqual([
      'open',
      'report',
      'return',
      'report',
      'accept',
    ]);
    const notices = ok(await h.get('gat.data', '/api/v1/messages?category=notice'));
    expect(notices.items.some((m: { matterId: number }) => m.matterId === id)).toBe(true);
    expect(await todosOf('gat.data', id)).toEqual([]);
  });
});

describe('an extension (asked by the department, decided by the authority)', () => {
  let id: number;
  let deadlineId: number;

  it('is asked with reasons and days; the time keeps running while the authority decides', async () => {
    h.at('2026-06-01T10:00');
    id = ok(await issue('sheng.admin', order('hlj.mzt', { ground: 'data_provision' })), 201).id;
    h.at('2026-06-03T10:00');
    const noDays = await h.act('mzt.data', id, 'askExtension', { reason: '需与国家平台联调' });
    expect(noDays.statusCode).toBe(400);
    expect(noDays.json().errors).toEqual([
      { field: 'data.extensionDays', message: '请填写工作日数（1至60）' },
    ]);
    const noReason = await h.act('mzt.data', id, 'askExtension', { data: { extensionDays: 3 } });
    expect(noReason.statusCode).toBe(422);
    const d = ok(
      await h.act('mzt.data', id, 'askExtension', {
        reason: '接口改造须与民政部系统联调，申请延长3个工作日。',
        data: { extensionDays: 3 },
      }),
    );
    expect(d).toMatchObject({ state: 'extension_requested', stateName: '延期待审批' });
    expect(d.deadlines).toHaveLength(1);
    expect(d.deadlines[0]).toMatchObject({ status: 'open', dueDate: '2026-06-08' });
    deadlineId = d.deadlines[0].id;
    expect(names((await detail('sheng.admin', id)).actions)).toEqual(['grantExtension', 'refuseExtension']);
    // The authority's todo carries the department's due time: decide before it runs out.
    expect(await todosOf('sheng.admin', id)).toMatchObject([{ dueAt: '2026-06-08T15:59:59.999Z' }]);
    expect(await todosOf('mzt.data', id)).toEqual([]);
  });

  it('granted: the working days asked for are added to the same deadline', async () => {
    h.at('2026-06-04T10:00');
    expect((await h.act('mzt.data', id, 'grantExtension')).statusCode).toBe(403);
    const d = ok(await h.act('sheng.admin', id, 'grantExtension'));
    expect(d.state).toBe('issued');
    expect(d.deadlines).toHaveLength(1);
    expect(d.deadlines[0]).toMatchObject({
      id: deadlineId,
      status: 'open',
      extendedFrom: '2026-06-08',
      dueDate: '2026-06-11',
    });
    expect(await todosOf('mzt.data', id)).toMatchObject([{ dueAt: '2026-06-11T15:59:59.999Z' }]);
    const ev = await h.t.ctx.db
      .selectFrom('ledger_event')
      .select('details')
      .where('action', '=', 'matter.supervision.rectification.grantExtension')
      .executeTakeFirstOrThrow();
    expect(ev.details).toMatchObject({
      deadlines: { carried: { id: deadlineId }, extended: { extensionDays: 3, to: '2026-06-11' } },
    });
  });

  it('a second request can only be refused (one extension per limit), with reasons', async () => {
    ok(await h.act('mzt.data', id, 'askExtension', { reason: '仍需联调', data: { extensionDays: 2 } }));
    const again = await h.act('sheng.admin', id, 'grantExtension');
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toBe('该期限已延长过');
    expect((await h.act('sheng.admin', id, 'refuseExtension')).statusCode).toBe(422);
    const d = ok(await h.act('sheng.admin', id, 'refuseExtension', { reason: '已延期一次，请按期完成。' }));
    expect(d.state).toBe('issued');
    expect(d.deadlines[0]).toMatchObject({ id: deadlineId, status: 'open', dueDate: '2026-06-11' });
  });

  it('missed: the board reads overdue, the sweep warns the department and its authority (Art. 42)', async () => {
    h.at('2026-06-12T10:00');
    const board = ok(
      await h.get('sheng.admin', `/api/v1/supervision/deadlines?agencyId=${agency['hlj.mzt']}`),
    );
    expect(board.items).toMatchObject([{ matterId: id, status: 'overdue', overdueWorkingDays: 1 }]);
    await sweepDeadlines(h.t.ctx, 'rectification-test');
    const warn = ok(await h.get('mzt.data', '/api/v1/messages?category=warning'));
    expect(warn.items.some((m: { matterId: number }) => m.matterId === id)).toBe(true);
    const sup = ok(await h.get('sheng.admin', '/api/v1/messages?category=warning'));
    expect(sup.items.some((m: { matterId: number }) => m.matterId === id)).toBe(true);
    // Reported late: met, marked late.
    const d = ok(await h.act('mzt.data', id, 'report', { reason: '已完成接口改造并补传数据。' }));
    expect(d.deadlines[0]).toMatchObject({ status: 'met', late: true });
  });
});

describe('who may issue (Art. 5: the authority’s own region, its level and below)', () => {
  it('validates the order in Chinese, field by field', async () => {
    h.at('2026-06-15T10:00');
    const empty = await issue('sheng.admin', {});
    expect(empty.statusCode).toBe(400);
    expect(
      empty
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['agencyId', 'description', 'ground', 'workingDays'].sort());
    const bad = await issue('sheng.admin', order('hlj.gat', { workingDays: 61, description: '太短' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'description', message: '须为10至2000个字符，写明问题和整改要求' },
      { field: 'workingDays', message: '须为1至60之间的整数（工作日）' },
    ]);
    const nobody = await issue('sheng.admin', order('hlj.gat', { agencyId: 999_999 }));
    expect(nobody.json().errors).toEqual([{ field: 'agencyId', message: '机构不存在：999999' }]);
  });

  it('Art. 41 grounds are for departments, Art. 42 grounds for data authorities (422)', async () => {
    const res = await issue('sheng.admin', order('hlj.gat', { ground: 'tracking_neglected' }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ article: 'Art. 42', errors: [{ field: 'ground' }] });
    const res2 = await issue('sheng.admin', order('hrb', { ground: 'catalog' }));
    expect(res2.statusCode).toBe(422);
  });

  it('outside its region: 403 超出管辖范围 (Art. 5)', async () => {
    for (const [user, code] of [
      ['dq.admin', 'hrb.gaj'],
      ['hrb.admin', 'hlj.gat'],
      ['hrb.admin', 'dq.gaj'],
    ]) {
      const res = await issue(user, order(code));
      expect(res.statusCode, `${user} → ${code}`).toBe(403);
      expect(res.json()).toMatchObject({ title: '超出管辖范围', article: 'Art. 5' });
    }
  });

  it('a department cannot issue (403), nor anyone without a login (401)', async () => {
    for (const user of ['gat.data', 'gat.user']) {
      const res = await issue(user, order('hlj.mzt'));
      expect(res.statusCode).toBe(403);
      expect(res.json().title).toBe('无权访问');
    }
    expect((await issue(null, order('hlj.mzt'))).statusCode).toBe(401);
  });
});

describe('on the 督办 board (Art. 42)', () => {
  let city: number;
  let art42: number;

  it('an order’s deadline shows for the issuing authority and the authorities above it, not others', async () => {
    h.at('2026-07-01T10:00');
    city = ok(await issue('hrb.admin', order('hrb.gaj', { ground: 'objection', workingDays: 10 })), 201).id;
    const cal = await currentCalendar(h.t.ctx);
    for (const user of ['hrb.admin', 'sheng.admin', 'hrb.gaj.data']) {
      const b = ok(await h.get(user, '/api/v1/supervision/deadlines?status=open'));
      expect(
        b.items.find((i: { matterId: number }) => i.matterId === city),
        user,
      ).toMatchObject({
        matterType: 'supervision.rectification',
        typeName: '整改通知',
        agencyName: '哈尔滨市公安局',
        article: 'Art. 41',
        dueDate: cal.addWorkingDays('2026-07-01', 10),
        link: `/console/matters/${city}`,
      });
    }
    const dq = ok(await h.get('dq.admin', '/api/v1/supervision/deadlines'));
    expect(dq.items.some((i: { matterId: number }) => i.matterId === city)).toBe(false);
    expect((await h.get('dq.admin', `/api/v1/matters/${city}`)).statusCode).toBe(404);
  });

  it('Art. 42: the province orders a city authority, whose admin reports', async () => {
    art42 = ok(
      await issue('sheng.admin', {
        agencyId: agency.hrb,
        ground: 'tracking_neglected',
        description: '你市对市公安局异议数据核查超期事项未跟踪督办，请限期整改并报送督办台账。',
        workingDays: 10,
      }),
      201,
    ).id;
    const b = ok(await h.get('sheng.admin', `/api/v1/supervision/deadlines?agencyId=${agency.hrb}`));
    expect(b.items).toMatchObject([{ matterId: art42, agencyName: '哈尔滨市政务数据主管部门' }]);
    expect(names((await detail('hrb.admin', art42)).actions)).toEqual(['report', 'askExtension']);
    const d = ok(
      await h.act('hrb.admin', art42, 'report', { reason: '已建立超期事项周调度机制并完成督办。' }),
    );
    expect(d.state).toBe('reported');
  });

  it('left the ledger chain intact', async () => {
    expect(await verifyLedger(h.t.ctx)).toMatchObject({ ok: true });
  });
});
