// The rule kinds as data (for the rule editor and stored per-dataset rules) and the short Chinese label
// of every finding, used in reports and in the reason column of the rejected-rows file.
import type { RuleKind } from './types.ts';

export interface RuleKindDefinition {
  kind: RuleKind;
  label: string;
  params: string;
  description: string;
}

export const RULE_KINDS: readonly RuleKindDefinition[] = [
  { kind: 'required', label: '必填', params: '—', description: '值不能为空；其他规则对空值不作判断' },
  {
    kind: 'type',
    label: '数据类型',
    params: 'type: string|integer|decimal|date|datetime|boolean',
    description: '日期接受 YYYY-MM-DD 与 YYYYMMDD；日期时间接受 YYYY-MM-DD HH:mm[:ss] 与 ISO 8601',
  },
  { kind: 'length', label: '长度', params: 'max, min?', description: '按字符（码点）计数' },
  {
    kind: 'enumeration',
    label: '代码表',
    params: 'values: [{ code, label? }]',
    description: '值须为代码表中的代码',
  },
  {
    kind: 'pattern',
    label: '格式',
    params: 'source, flags?, message?',
    description: '正则表达式须匹配整个值',
  },
  { kind: 'range', label: '取值范围', params: 'min?, max?（数值或日期）', description: '含上下限' },
  { kind: 'unique', label: '唯一', params: '—', description: '同一次汇聚中不得重复' },
  {
    kind: 'id_number',
    label: '公民身份号码',
    params: '—',
    description: 'GB 11643：18位、出生日期、校验位；地址码未知仅为警告',
  },
  {
    kind: 'uscc',
    label: '统一社会信用代码',
    params: '—',
    description: 'GB 32100：字符集与校验位；旧版代码与代码表外的部门、类别、区划为警告',
  },
  {
    kind: 'region_code',
    label: '行政区划代码',
    params: '—',
    description: 'GB/T 2260 的6位代码；格式正确但未知为警告',
  },
  {
    kind: 'phone',
    label: '电话号码',
    params: 'accept?: any|mobile|landline',
    description: '手机号或固定电话',
  },
  { kind: 'email', label: '电子邮箱', params: '—', description: '常见邮箱地址格式' },
  {
    kind: 'not_future',
    label: '不晚于当前',
    params: '—',
    description: '日期不晚于今天，日期时间不晚于当前时间',
  },
];

/** ruleId → short label ('校验位错误'). */
export const FINDING_LABELS: Record<string, string> = {
  'required.missing': '必填项为空',
  'type.integer': '不是整数',
  'type.decimal': '不是数值',
  'type.date': '日期格式不正确',
  'type.datetime': '日期时间格式不正确',
  'type.boolean': '不是布尔值',
  'length.max': '长度超限',
  'length.min': '长度不足',
  'enumeration.unknown': '不在代码表中',
  'pattern.mismatch': '格式不正确',
  'range.below': '小于下限',
  'range.above': '大于上限',
  'unique.duplicate': '值重复',
  'id_number.legacy_15': '为15位旧号码',
  'id_number.format': '格式不正确',
  'id_number.birth_date': '出生日期无效',
  'id_number.birth_future': '出生日期晚于今天',
  'id_number.check_digit': '校验位错误',
  'id_number.region_unknown': '地址码不在现行区划表中',
  'uscc.format': '格式不正确',
  'uscc.check_digit': '校验位错误',
  'uscc.legacy_registration_number': '为旧版工商注册号',
  'uscc.legacy_org_code': '为旧版组织机构代码',
  'uscc.department_unknown': '登记管理部门码不在代码表中',
  'uscc.category_unknown': '机构类别码不在代码表中',
  'uscc.region_unknown': '区划码不在现行区划表中',
  'region_code.format': '格式不正确',
  'region_code.unknown': '不在现行区划表中',
  'phone.format': '格式不正确',
  'email.format': '格式不正确',
  'not_future.future': '晚于当前日期',
};

export const findingLabel = (ruleId: string): string => FINDING_LABELS[ruleId] ?? ruleId;
