import type { RuleUnit } from './schema.ts';

// Version 1 of the rulebook: the time limits of 《黑龙江省政务数据管理暂行办法》 as issued on
// 2025-01-06 (requirements.md, "Time limits at a glance"). Article texts are quoted from the measures
// (simplified characters).

export interface RuleInput {
  key: string;
  name: string;
  article: string;
  articleText: string;
  amount: number;
  unit: RuleUnit;
}

const ART12 =
  '《办法》第十二条第三款：政府部门应按照统一标准，全量编制本部门政务数据目录，报同级政务数据主管部门审核，政务数据主管部门有修改意见的，政府部门应当在5个工作日内完成修改。';
const ART15 =
  '《办法》第十五条：政务数据目录应保持动态更新，因法律法规调整或者职责变化等原因致使目录发生变化的，政府部门应自变化之日起3个工作日内完成更新。因特殊原因需要延长期限的，需提供相关政策依据，并经同级政务数据主管部门同意，可延长5个工作日。';
const ART16 =
  '《办法》第十六条：因法律法规调整或者职责变化等原因致使目录无法更新的，政府部门应提交目录撤销申请，经同级政务数据主管部门审核后撤销；待撤销的政务数据已被使用的，数据提供部门应继续提供6个月后再撤销。';
const ART19 =
  '《办法》第十九条：政府部门应建立健全政务数据全生命周期质量管理制度，细化数据治理规则，提高政务数据质量管理能力，实现政务数据源头治理，确保数据的准确性、时效性、完整性和可用性。政务数据主管部门建立日常对账机制，对政府部门提供的数据进行审核，提升汇聚数据质量。';
const ART22 =
  '《办法》第二十二条第二款第（二）项：有条件共享的政务数据，由数据提供部门自收到数据使用申请的1个工作日内完成审核，不同意共享的，应说明具体原因。';
const ART24 =
  '《办法》第二十四条第二款：数据提供部门应自收到政务数据校核申请或者通知之日起5个工作日内予以核实、更正，并反馈校核处理结果。';
const ART27 =
  '《办法》第二十七条：数据使用部门未按申请信息使用数据的，包括超范围调用、超目的调用、数据3个月未调用或检测数据使用存在安全风险、异常等情况的，政务数据主管部门或数据提供部门应督促数据使用部门限期整改，对拒不整改或整改不到位的，应关停或中断数据调用服务，终止其数据使用权限。';
const ART29 =
  '《办法》第二十九条第二款：数据提供部门应在收到数据需求后3个工作日内完成审核，对于不符合条件的数据需求驳回时应说明具体原因，数据需求合理，但部门前期未梳理形成数据目录的，应在10个工作日内完成数据目录发布和数据挂接工作。';
const ART34 =
  '《办法》第三十四条：自然人、法人或者非法人组织申请有条件开放的政务数据，从发出申请之日起5个工作日内，数据提供部门应完成审核，审核未通过的，需说明理由。';
const ART41 =
  '《办法》第四十一条：政府部门违反本办法规定，有下列情形之一的，由同级政务数据主管部门责令改正：（一）未按照要求编制或者更新部门政务数据目录的；（二）未按照要求采集、提供数据或者提供的数据不符合标准的；（三）未按照规定共享或者开放政务数据的；（四）未及时核查存在异议的政务数据的；（五）擅自更改或者删除政务数据的；（六）违反规定将共享获取的政务数据用于其他目的的；（七）违反本办法规定的其他情形。政府部门应当在规定期限内完成整改，并反馈整改情况；未按要求整改或者情节严重的，由本级人民政府或者上级主管部门对相关责任人员依法给予处分。第四十二条第二款：政务数据主管部门应当在规定期限内完成整改，并反馈整改情况。';

export const RULEBOOK_V1 = {
  name: '《黑龙江省政务数据管理暂行办法》时限规定',
  source:
    '《黑龙江省政务数据管理暂行办法》，黑龙江省人民政府办公厅2025年1月6日印发，自印发之日起施行，有效期2年（第四十七条）',
  effectiveFrom: '2025-01-06',
  // Art. 47: valid for 2 years from issue.
  validUntil: '2027-01-05',
  rules: [
    {
      key: 'catalog.revise',
      name: '目录修改期限',
      article: 'Art. 12',
      articleText: ART12,
      amount: 5,
      unit: 'working_days',
    },
    {
      key: 'catalog.update',
      name: '目录更新期限',
      article: 'Art. 15',
      articleText: ART15,
      amount: 3,
      unit: 'working_days',
    },
    {
      key: 'catalog.update.extension',
      name: '目录更新延长期限',
      article: 'Art. 15',
      articleText: ART15,
      amount: 5,
      unit: 'working_days',
    },
    {
      key: 'catalog.revocation.grace',
      name: '撤销前继续提供期限',
      article: 'Art. 16',
      articleText: ART16,
      amount: 6,
      unit: 'months',
    },
    {
      key: 'share.conditional.decide',
      name: '有条件共享审核期限',
      article: 'Art. 22',
      articleText: ART22,
      amount: 1,
      unit: 'working_days',
    },
    {
      key: 'objection.verify',
      name: '数据校核期限',
      article: 'Art. 24',
      articleText: ART24,
      amount: 5,
      unit: 'working_days',
    },
    {
      key: 'grant.idle',
      name: '数据未调用期限',
      article: 'Art. 27',
      articleText: ART27,
      amount: 3,
      unit: 'months',
    },
    {
      key: 'demand.review',
      name: '数据需求审核期限',
      article: 'Art. 29',
      articleText: ART29,
      amount: 3,
      unit: 'working_days',
    },
    {
      key: 'demand.mount',
      name: '目录发布和数据挂接期限',
      article: 'Art. 29',
      articleText: ART29,
      amount: 10,
      unit: 'working_days',
    },
    {
      key: 'open.conditional.decide',
      name: '有条件开放审核期限',
      article: 'Art. 34',
      articleText: ART34,
      amount: 5,
      unit: 'working_days',
    },
    // Art. 41/42 责令限期改正 names no number: each order states its own limit (and an extension its
    // own days), at most this many working days — a platform ceiling, not a figure of the measures.
    {
      key: 'supervision.rectify',
      name: '限期整改期限',
      article: 'Art. 41',
      articleText: ART41,
      amount: 60,
      unit: 'working_days',
    },
    // Art. 19 时效性: a dataset is due again one update period (its catalog entry's frequency) after
    // its last load; each deadline states that period in calendar days, at most a year — a platform
    // ceiling, not a figure of the measures.
    {
      key: 'aggregation.update',
      name: '按更新频率汇聚数据',
      article: 'Art. 19',
      articleText: ART19,
      amount: 366,
      unit: 'days',
    },
  ] satisfies RuleInput[],
};
