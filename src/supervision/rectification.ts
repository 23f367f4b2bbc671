// The rectification order (整改通知, Art. 41–42): an authority orders an agency it supervises to
// rectify within a time limit the order states; the agency reports its rectification (整改反馈); the
// authority accepts it (办结) or returns it with reasons (退回重新整改, a fresh time limit). The agency
// may ask for an extension with reasons while its time runs; the authority grants or refuses it.
import type { AgencyKind } from '../agencies/schema.ts';
import { beijingDateOf } from '../kernel/calendar/index.ts';
import type { Tx } from '../kernel/context.ts';
import { type FieldError, validationFailed } from '../kernel/errors.ts';
import { defineMatterType, type Effect, type InputDef, ruleInForce, type Taker } from '../matters/index.ts';

export const RECTIFICATION_TYPE = 'supervision.rectification';
/** The rulebook rule whose amount is the longest time limit (and extension) an order may set. */
export const RECTIFY_RULE = 'supervision.rectify';

interface Ground {
  article: 'Art. 41' | 'Art. 42';
  item: string;
  /** Short form, for titles and lists. */
  name: string;
  /** Who the case applies to: Art. 41 departments, Art. 42 data authorities. */
  addressee: AgencyKind;
}

/** The cases of Art. 41 (a department) and Art. 42 (a data authority) in which an order is given. */
export const GROUNDS = {
  catalog: { article: 'Art. 41', item: '（一）', name: '未按要求编制或更新目录', addressee: 'department' },
  data_provision: {
    article: 'Art. 41',
    item: '（二）',
    name: '未按要求汇聚、提供数据或提供的数据不符合标准',
    addressee: 'department',
  },
  sharing_opening: {
    article: 'Art. 41',
    item: '（三）',
    name: '未按规定共享或开放数据',
    addressee: 'department',
  },
  objection: {
    article: 'Art. 41',
    item: '（四）',
    name: '未及时核实处理存在异议的数据',
    addressee: 'department',
  },
  unauthorized_change: {
    article: 'Art. 41',
    item: '（五）',
    name: '擅自修改或删除政务数据',
    addressee: 'department',
  },
  misuse: { article: 'Art. 41', item: '（六）', name: '超范围使用共享获取的数据', addressee: 'department' },
  department_other: {
    article: 'Art. 41',
    item: '（七）',
    name: '违反《办法》规定的其他情形',
    addressee: 'department',
  },
  sharing_not_promoted: {
    article: 'Art. 42',
    item: '（一）',
    name: '未按规定推动数据共享应用',
    addressee: 'authority',
  },
  tracking_neglected: {
    article: 'Art. 42',
    item: '（二）',
    name: '未履行时限事项跟踪督办职责',
    addressee: 'authority',
  },
  authority_other: {
    article: 'Art. 42',
    item: '（三）',
    name: '违反《办法》规定的其他情形',
    addressee: 'authority',
  },
} as const satisfies Record<string, Ground>;

export type GroundCode = keyof typeof GROUNDS;
export const GROUND_CODES = Object.keys(GROUNDS) as [GroundCode, ...GroundCode[]];

const ARTICLE_NAMES = { 'Art. 41': '第四十一条', 'Art. 42': '第四十二条' } as const;

/** '《办法》第四十一条第（一）项：未按要求编制或更新目录' */
export const groundText = (code: GroundCode): string => {
  const g: Ground = GROUNDS[code];
  return `《办法》${ARTICLE_NAMES[g.article]}第${g.item}项：${g.name}`;
};

// The ordered agency reports and asks: its data officers, or for an authority (Art. 42) its admins.
const AGENCY: Taker[] = [{ roles: ['data_officer', 'authority_admin'], relation: 'provider' }];
// The issuing authority decides (the order's `authority` party, which supervises the agency, Art. 5).
const ISSUER: Taker[] = [{ roles: ['authority_admin'], relation: 'authority' }];

/** The longest time limit an order or an extension may set under the rulebook in force today. */
export async function rectifyCeiling(tx: Tx): Promise<number> {
  return (await ruleInForce(tx.db, RECTIFY_RULE, beijingDateOf(tx.now))).amount;
}

// The working days a transition may carry: whole numbers from 1 to the rule's ceiling in force.
const days = (key: string, label: string, more: Partial<InputDef> = {}): InputDef => ({
  key,
  label,
  kind: 'integer',
  min: 1,
  max: { rule: RECTIFY_RULE },
  ...more,
});
const EXTENSION_ASKED = days('extensionDays', '申请延长工作日', { required: true });
const EXTENSION_GRANTED = days('extensionDays', '同意延长工作日', { help: '不填则按申请的工作日数延长' });
const NEW_LIMIT = days('workingDays', '重新整改期限（工作日）', { help: '不填则仍按原整改期限' });

/**
 * A transition's own data fields (its declared inputs, all working days), nothing else: the generic
 * transition route merges what it is sent into the matter, and the time limit is read from it (a
 * department must not set its own).
 */
function onlyData(inputs: InputDef[]): Effect {
  return async (tx, _m, input) => {
    const data = input.data ?? {};
    const errors: FieldError[] = [];
    for (const k of Object.keys(data)) {
      if (!inputs.some((i) => i.key === k))
        errors.push({ field: `data.${k}`, message: '此操作不接受该字段' });
    }
    if (!inputs.length) {
      if (errors.length) throw validationFailed(errors);
      return;
    }
    const max = await rectifyCeiling(tx);
    for (const { key, required } of inputs) {
      const v = data[key];
      if (v === undefined) {
        if (required) errors.push({ field: `data.${key}`, message: `请填写工作日数（1至${max}）` });
      } else if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max)) {
        errors.push({ field: `data.${key}`, message: `须为1至${max}之间的整数（工作日）` });
      }
    }
    if (errors.length) throw validationFailed(errors);
  };
}

const none = onlyData([]);

export const rectificationType = defineMatterType({
  type: RECTIFICATION_TYPE,
  name: '整改通知',
  states: {
    // Art. 41/42: rectify within the limit the order states (data.workingDays).
    issued: {
      name: '待整改',
      tone: 'processing',
      deadline: { rule: RECTIFY_RULE, party: 'provider', amountFrom: 'workingDays' },
    },
    // The agency's time keeps running while the authority decides (carried, not met).
    extension_requested: { name: '延期待审批', tone: 'warning' },
    reported: { name: '待验收', tone: 'processing' },
    closed: { name: '已办结', tone: 'success', terminal: true },
  },
  initial: 'issued',
  // 申报内容: the order as the agency reads it (the ground's code stays in the data for queries).
  fields: {
    groundText: { label: '整改事由' },
    ground: { label: '整改情形代码', hidden: true },
    article: { label: '依据条款', format: 'article' },
    description: { label: '问题描述' },
    workingDays: { label: '整改期限', format: 'workingDays' },
    // Asked for, then as granted (the authority may grant fewer or more days).
    extensionDays: { label: '延长期限', format: 'workingDays' },
  },
  transitions: {
    // Art. 41: 反馈整改情况 — the report's text is the reason field.
    report: {
      label: '整改反馈',
      from: ['issued'],
      to: 'reported',
      by: AGENCY,
      requires: { reason: { article: 'Art. 41' } },
      reasonLabel: '整改情况',
      tone: 'primary',
    },
    askExtension: {
      label: '申请延期',
      from: ['issued'],
      to: 'extension_requested',
      by: AGENCY,
      requires: { reason: { article: 'Art. 41' } },
      inputs: [EXTENSION_ASKED],
      reasonLabel: '延期理由',
      carriesDeadline: true,
    },
    grantExtension: {
      label: '同意延期',
      from: ['extension_requested'],
      to: 'issued',
      by: ISSUER,
      carriesDeadline: true,
      // The days asked for (or fewer or more, if the authority says so in its data).
      extendsDeadline: { rule: RECTIFY_RULE, amountFrom: 'extensionDays' },
      inputs: [EXTENSION_GRANTED],
      tone: 'primary',
    },
    refuseExtension: {
      label: '不同意延期',
      from: ['extension_requested'],
      to: 'issued',
      by: ISSUER,
      requires: { reason: { article: 'Art. 41' } },
      reasonLabel: '不同意理由',
      carriesDeadline: true,
      tone: 'danger',
    },
    accept: {
      label: '验收办结',
      from: ['reported'],
      to: 'closed',
      by: ISSUER,
      tone: 'primary',
    },
    // Art. 41: rectification not as required — back with reasons and a fresh time limit.
    return: {
      label: '退回重新整改',
      from: ['reported'],
      to: 'issued',
      by: ISSUER,
      requires: { reason: { article: 'Art. 41' } },
      inputs: [NEW_LIMIT],
      reasonLabel: '退回理由',
      tone: 'danger',
    },
  },
  effects: {
    report: none,
    askExtension: onlyData([EXTENSION_ASKED]),
    grantExtension: onlyData([EXTENSION_GRANTED]),
    refuseExtension: none,
    accept: none,
    // A return may state a new time limit; otherwise the order's own applies again.
    return: onlyData([NEW_LIMIT]),
  },
});
