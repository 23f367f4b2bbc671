import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSystem, openDemoSystem } from '../../test/helpers/demo-system.ts';
import { verifyLedger } from '../kernel/ledger/verify.ts';
import type { System } from '../system.ts';

// The demo rectification orders on a fresh start: openSystem loads the province and then the
// orders, at the clock's time (Friday 2026-11-27, 10:00 Beijing), through the engine only.

let sys: System;
let app: FastifyInstance;
let token: Record<string, string> = {};
let demo: DemoSystem;

beforeAll(async () => {
  demo = await openDemoSystem('demo', [
    'sheng.admin',
    'hrb.admin',
    'dq.admin',
    'gat.data',
    'mzt.data',
    'rst.data',
    'hrb.gaj.data',
  ]);
  ({ sys, app, token } = demo);
});
afterAll(() => demo?.close());

const get = async (user: string, url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token[user]}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
// The demo catalog (src/catalog/demo.ts) loads after the orders: its review deadlines (Art. 12) and
// todos are left out here, the orders' limits are Art. 41's.
const BOARD = '/api/v1/supervision/deadlines?article=Art.%2041';
type Todo = { type: string; stateName: string; actions: { name: string }[] };
const ordersOnly = (todo: { items: Todo[] }) =>
  todo.items.filter((i) => i.type === 'supervision.rectification');
type Counts = { agencyName: string; open: number; overdue: number; met: number };
const countsOf = (b: { counts: { byAgency: Counts[] } }) =>
  Object.fromEntries(b.counts.byAgency.map((a) => [a.agencyName, [a.open, a.overdue, a.met]]));

describe('the demo rectification orders', () => {
  it('are in five states, one of each, with the province’s board showing one overdue', async () => {
    const list = await get('sheng.admin', '/api/v1/matters?type=supervision.rectification');
    expect(list.total).toBe(5);
    const byState = Object.fromEntries(
      list.items.map((m: { title: string; stateName: string }) => [
        m.title.replace('整改通知：', ''),
        m.stateName,
      ]),
    );
    expect(byState).toEqual({
      黑龙江省公安厅未按要求编制或更新目录: '待整改',
      黑龙江省人力资源和社会保障厅未按规定共享或开放数据: '延期待审批',
      '黑龙江省民政厅未按要求汇聚、提供数据或提供的数据不符合标准': '待验收',
      哈尔滨市公安局未及时核实处理存在异议的数据: '待整改',
      大庆市公安局未按规定共享或开放数据: '已办结',
    });
    const board = await get('sheng.admin', BOARD);
    // [open, overdue, met]; 大庆 met two limits: the order's and the one after its return.
    expect(countsOf(board)).toEqual({
      黑龙江省公安厅: [1, 0, 0],
      黑龙江省人力资源和社会保障厅: [1, 0, 0],
      黑龙江省民政厅: [0, 0, 1],
      哈尔滨市公安局: [0, 1, 0],
      大庆市公安局: [0, 0, 2],
    });
    const overdue = board.items.find((i: { status: string }) => i.status === 'overdue');
    expect(overdue).toMatchObject({
      agencyName: '哈尔滨市公安局',
      dueDate: '2026-11-18',
      overdueWorkingDays: 7,
    });
  });

  it('each city’s board shows its own; the open order is due in five working days', async () => {
    expect(countsOf(await get('hrb.admin', BOARD))).toEqual({
      哈尔滨市公安局: [0, 1, 0],
    });
    expect(countsOf(await get('dq.admin', BOARD))).toEqual({
      大庆市公安局: [0, 0, 2],
    });
    const gat = await get('gat.data', BOARD);
    expect(gat.items).toMatchObject([
      { startsOn: '2026-11-26', dueDate: '2026-12-03', remainingWorkingDays: 5 },
    ]);
    expect(gat.items[0].articleText).toContain('第四十一条');
  });

  it('the people concerned have their todos and warnings', async () => {
    const sheng = await get('sheng.admin', '/api/v1/matters/todo');
    expect(
      ordersOnly(sheng).map((i: { stateName: string; actions: { name: string }[] }) => [
        i.stateName,
        i.actions.map((a) => a.name),
      ]),
    ).toEqual([
      ['延期待审批', ['grantExtension', 'refuseExtension']],
      ['待验收', ['accept', 'return']],
    ]);
    for (const user of ['gat.data', 'hrb.gaj.data']) {
      const todo = await get(user, '/api/v1/matters/todo');
      expect(
        ordersOnly(todo).map((i: { actions: { name: string }[] }) => i.actions.map((a) => a.name)),
      ).toEqual([['report', 'askExtension']]);
    }
    // The sweep at load marked the missed limit and warned the agency and its authority (Art. 42).
    for (const user of ['hrb.gaj.data', 'hrb.admin']) {
      const warn = await get(user, '/api/v1/messages?category=warning');
      expect(warn.total, user).toBe(1);
    }
    const dq = await get('dq.admin', '/api/v1/matters?type=supervision.rectification');
    const closed = await get('dq.admin', `/api/v1/matters/${dq.items[0].id}`);
    expect(closed.history.map((e: { label: string }) => e.label)).toEqual([
      '创建',
      '整改反馈',
      '退回重新整改',
      '整改反馈',
      '验收办结',
    ]);
    expect(closed.history[1]).toMatchObject({ actor: 'demo', agencyName: '大庆市公安局' });
  });

  it('leaves the ledger chain intact', async () => {
    expect(await verifyLedger(sys.ctx)).toMatchObject({ ok: true });
  });
});
