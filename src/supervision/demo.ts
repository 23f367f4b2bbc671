// Demo rectification orders, so a fresh console shows real supervision work: one open, one awaiting
// acceptance, one with an extension request, one overdue (the 督办 board shows red) and one closed
// after a return. Each goes through the engine at its own time in the past (a copy of ctx whose
// clock is set step by step), so timelines, deadlines, todos and the ledger read as lived; nothing
// writes the matter or deadline tables but the engine.
import { listAgencies } from '../agencies/agencies.ts';
import { DEMO_ACCOUNT_SPECS } from '../agencies/demo-data.ts';
import { addDays, beijingDateOf, currentCalendar, type IsoDate } from '../kernel/calendar/index.ts';
import type { Actor, Ctx } from '../kernel/context.ts';
import { sweepDeadlines, transition } from '../matters/index.ts';
import { issueRectification } from './issue.ts';
import type { GroundCode } from './rectification.ts';

type DemoActor = Actor & { displayName: string };

interface Step {
  /** Working days before today, and the Beijing wall time. */
  ago: number;
  time: string;
  run: (ctx: Ctx) => Promise<void>;
}

const QUARTERS = ['一', '二', '三', '四'];

/** '2026年第三季度': the quarter before the one `today` is in. */
function lastQuarter(today: IsoDate): string {
  const y = Number(today.slice(0, 4));
  const q = Math.ceil(Number(today.slice(5, 7)) / 3) - 1;
  return q === 0 ? `${y - 1}年第四季度` : `${y}年第${QUARTERS[q - 1]}季度`;
}

/** Loads the demo orders into the just-loaded demo province; returns how many. */
export async function loadSupervisionDemo(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = beijingDateOf(now);
  const cal = await currentCalendar(ctx);
  const isWorking = (d: IsoDate) => cal.computeWorkingDaysBetween(addDays(d, -1), d).count === 1;
  const workingDaysAgo = (n: number): IsoDate => {
    let d = today;
    for (let left = n; left > 0; ) {
      d = addDays(d, -1);
      if (isWorking(d)) left -= 1;
    }
    return d;
  };

  const { items } = await listAgencies(ctx, {}, false);
  const agency = (code: string) => {
    const a = items.find((x) => x.code === code);
    if (!a) throw new Error(`demo agency ${code} is missing`);
    return a;
  };
  const asAgency = (code: string, username: string, displayName: string, roles: string[]): DemoActor => {
    const a = agency(code);
    return {
      accountId: null,
      username,
      displayName,
      agencyId: a.id,
      agencyLevel: a.level,
      agencyKind: a.kind,
      roles,
    };
  };
  const person = (username: string): DemoActor => {
    const s = DEMO_ACCOUNT_SPECS.find((x) => x.username === username);
    if (!s?.agency) throw new Error(`demo account ${username} is missing`);
    return asAgency(s.agency, s.username, s.displayName, s.roles);
  };
  // 大庆's departments have no demo account: their acts are recorded as 'demo' under the name of
  // the agency's primary data officer (Art. 6).
  const officerOf = (code: string): DemoActor => {
    const name = agency(code).officers.find((o) => o.isPrimary)?.name ?? agency(code).name;
    return asAgency(code, 'demo', name, ['data_officer']);
  };

  const ids = new Map<string, number>();
  const issue =
    (key: string, by: DemoActor, to: string, ground: GroundCode, workingDays: number, description: string) =>
    async (c: Ctx) => {
      ids.set(
        key,
        await issueRectification(c, by, { agencyId: agency(to).id, ground, description, workingDays }),
      );
    };
  const act =
    (key: string, by: DemoActor, name: string, reason?: string, data?: Record<string, unknown>) =>
    async (c: Ctx) => {
      await transition(c, by, ids.get(key)!, name, { reason, data });
    };

  const sheng = person('sheng.admin');
  const hrb = person('hrb.admin');
  const dq = person('dq.admin');
  const steps: Step[] = [
    // Closed after one return: 大庆 → 大庆市公安局.
    {
      ago: 20,
      time: '10:00',
      run: issue(
        'dq',
        dq,
        'dq.gaj',
        'sharing_opening',
        10,
        '你单位“出入境证件办理信息”资源已编目但长期未挂接数据，市民政局、市市场监管局的共享申请无法使用，请限期整改。',
      ),
    },
    {
      ago: 14,
      time: '16:00',
      run: act(
        'dq',
        officerOf('dq.gaj'),
        'report',
        '已完成“出入境证件办理信息”数据挂接，提供近三个月数据，并通过共享平台联调测试。',
      ),
    },
    {
      ago: 13,
      time: '10:30',
      run: act(
        'dq',
        dq,
        'return',
        '挂接数据仅含近三个月记录，未按目录提供2020年以来的历史数据，请补充后重新反馈。',
      ),
    },
    {
      ago: 9,
      time: '15:00',
      run: act(
        'dq',
        officerOf('dq.gaj'),
        'report',
        '已补充2020年1月以来的全部历史数据，按日增量更新；市民政局、市市场监管局的共享申请已恢复使用。',
      ),
    },
    { ago: 8, time: '10:00', run: act('dq', dq, 'accept') },
    // Overdue: 哈尔滨 → 哈尔滨市公安局, 5 WD, issued 12 WD ago.
    {
      ago: 12,
      time: '10:00',
      run: issue(
        'hrb',
        hrb,
        'hrb.gaj',
        'objection',
        5,
        '群众对“机动车驾驶人信息”中3条记录提出异议，你单位自收到校核通知起超过5个工作日未完成核实更正（第二十四条），请限期整改并反馈核查结果。',
      ),
    },
    // Awaiting acceptance: 省 → 省民政厅.
    {
      ago: 8,
      time: '15:30',
      run: issue(
        'mzt',
        sheng,
        'hlj.mzt',
        'data_provision',
        10,
        '你单位向省共享平台提供的“最低生活保障对象信息”未按目录约定每日更新，近30日有12日未更新，且身份证号字段存在格式错误，请限期整改并说明原因。',
      ),
    },
    {
      ago: 1,
      time: '16:20',
      run: act(
        'mzt',
        person('mzt.data'),
        'report',
        '已完成低保对象信息接口改造，恢复每日增量更新并补传缺失的12日数据；身份证号字段已按GB 11643校验清洗，错误记录已更正；建立数据更新日检机制，专人负责。',
      ),
    },
    // Extension asked: 省 → 省人社厅.
    {
      ago: 3,
      time: '09:30',
      run: issue(
        'rst',
        sheng,
        'hlj.rst',
        'sharing_opening',
        5,
        '你单位对省卫生健康委提出的“参保人员缴费信息”有条件共享申请逾期未审核，且“社会保障卡发放信息”已编目资源未挂接数据，请限期整改。',
      ),
    },
    {
      ago: 1,
      time: '14:00',
      run: act(
        'rst',
        person('rst.data'),
        'askExtension',
        '“社会保障卡发放信息”挂接须人社部社保卡系统配合改造接口，已与部里商定工作计划，申请延长5个工作日。',
        { extensionDays: 5 },
      ),
    },
    // Open, due in a few working days: 省 → 省公安厅.
    {
      ago: 1,
      time: '10:00',
      run: issue(
        'gat',
        sheng,
        'hlj.gat',
        'catalog',
        5,
        `你单位${lastQuarter(today)}目录更新不及时，“户籍人口基本信息”目录项与现行法规不符，请限期整改。`,
      ),
    },
  ];

  let at = now;
  const past: Ctx = { ...ctx, clock: { now: () => at } };
  const when = (s: Step) => new Date(`${workingDaysAgo(s.ago)}T${s.time}:00+08:00`).getTime();
  // In time order, so each ledger event follows the one before it.
  for (const s of [...steps].sort((a, b) => when(a) - when(b))) {
    at = new Date(when(s));
    await s.run(past);
  }
  // Today: the sweep marks the missed limit and warns the agency and its authority (Art. 42).
  await sweepDeadlines(ctx, 'demo-loader');
  return ids.size;
}
