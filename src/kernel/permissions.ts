// Every permission a route can demand. Roles (agencies module) are sets of these; a route declares
// one in its config, and a test generated from the route table tries each with the wrong role.
export const PERMISSIONS = {
  'agency.read': '查看机构',
  'agency.manage': '管理机构',
  'account.read': '查看账号',
  'account.manage': '管理账号',
  'role.assign': '分配角色',
  'calendar.read': '查看工作日历',
  'calendar.manage': '维护工作日历',
  'ledger.read': '查看留痕记录',
  'ledger.verify': '校验留痕链',
  'webhook.manage': '管理本机构消息推送',
  'supervision.read': '查看督办看板',
  'rulebook.read': '查看办理时限规则',
  'rulebook.manage': '修订办理时限规则',
  'rectification.issue': '下达整改通知',
  'catalog.read': '查看政务数据目录',
  'catalog.edit': '编制本部门目录',
  'catalog.dictionary.manage': '维护目录标准字典',
  'catalog.review': '目录审核与统筹（统计、完整性、牵头部门）',
  'catalog.subscribe': '订阅目录',
  'catalog.duty.manage': '维护部门职责清单',
  'aggregation.read': '查看汇聚数据集、汇聚批次与质量报告',
  'aggregation.load': '登记数据集并汇聚本部门数据',
  'aggregation.clear': '查看质量明细与拒收数据的原值（逐次留痕）',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** What a route demands: anyone, any logged-in person, or a named permission. */
export type RoutePermission = 'public' | 'authenticated' | Permission;
