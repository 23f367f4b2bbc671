import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FundProjectionScreenOutlined,
  KeyOutlined,
  ProfileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Permission that shows the item; undefined or 'authenticated' = everyone logged in. */
  permission?: string;
  description: string;
}

export const NAV_ITEMS: NavItem[] = [
  {
    path: '/console',
    label: '工作台',
    icon: <DashboardOutlined />,
    description: '本人角色、所属机构与常用入口',
  },
  {
    path: '/console/todo',
    label: '待办事项',
    icon: <CarryOutOutlined />,
    permission: 'authenticated',
    description: '需要本人办理的事项，按紧急程度排列',
  },
  {
    path: '/console/messages',
    label: '消息中心',
    icon: <BellOutlined />,
    permission: 'authenticated',
    description: '待办提醒、工作通知与超期预警',
  },
  {
    path: '/console/catalog',
    label: '政务数据目录',
    icon: <DatabaseOutlined />,
    permission: 'catalog.read',
    description: '检索、编制和维护政务数据目录（《办法》第三章）',
  },
  {
    path: '/console/catalog/review',
    label: '目录审核',
    icon: <FileDoneOutlined />,
    permission: 'catalog.review',
    description: '待审核的目录及其版本差异、修改时限',
  },
  {
    path: '/console/catalog/statistics',
    label: '目录统计',
    icon: <BarChartOutlined />,
    permission: 'catalog.review',
    description: '各部门、各层级目录编制、发布与开放情况，职责覆盖情况',
  },
  {
    path: '/console/catalog/duties',
    label: '职责目录',
    icon: <ProfileOutlined />,
    permission: 'catalog.duty.manage',
    description: '部门“三定”职责清单及其对应的数据目录（第十二条全量编目）',
  },
  {
    path: '/console/aggregation',
    label: '数据汇聚',
    icon: <CloudUploadOutlined />,
    permission: 'aggregation.read',
    description: '数据集登记、文件汇聚、质量报告与拒收数据（《办法》第四章）',
  },
  {
    path: '/console/aggregation/databases',
    label: '基础库与主题库',
    icon: <ClusterOutlined />,
    permission: 'aggregation.read',
    description: '人口、法人等基础库和各主题库的数据集、记录数与更新及时性（第二十条）',
  },
  {
    path: '/console/supervision',
    label: '督办看板',
    icon: <FundProjectionScreenOutlined />,
    permission: 'supervision.read',
    description: '所辖部门办理时限的进行、超期与办结情况',
  },
  {
    path: '/console/agencies',
    label: '机构管理',
    icon: <ApartmentOutlined />,
    permission: 'agency.read',
    description: '省、市、县三级政务部门及数据工作责任人',
  },
  {
    path: '/console/accounts',
    label: '账号管理',
    icon: <TeamOutlined />,
    permission: 'account.read',
    description: '平台账号、角色与锁定状态',
  },
  {
    path: '/console/calendar',
    label: '工作日历',
    icon: <CalendarOutlined />,
    permission: 'calendar.read',
    description: '法定节假日与调休安排，办理时限按工作日计算',
  },
  {
    path: '/console/rulebook',
    label: '时限规则',
    icon: <FieldTimeOutlined />,
    permission: 'rulebook.read',
    description: '《办法》规定的各类办理时限及其版本',
  },
  {
    path: '/console/ledger',
    label: '留痕审计',
    icon: <AuditOutlined />,
    permission: 'ledger.read',
    description: '全过程操作留痕与哈希链校验状态',
  },
  {
    path: '/console/password',
    label: '修改密码',
    icon: <KeyOutlined />,
    description: '定期修改登录密码，保障账号安全',
  },
];

export function findNavItem(pathname: string): NavItem | undefined {
  const clean = pathname.replace(/\/+$/, '') || '/';
  return NAV_ITEMS.find((item) => item.path === clean);
}

export interface Crumb {
  label: string;
  path?: string;
}

/** Pages that live under a menu item without being one (matter pages sit under 待办事项). */
const CHILD_PAGES: { pattern: RegExp; parent: string; label: string }[] = [
  { pattern: /^\/console\/matters\/[^/]+$/, parent: '/console/todo', label: '事项详情' },
  { pattern: /^\/console\/catalog\/new$/, parent: '/console/catalog', label: '编制目录' },
  {
    pattern: /^\/console\/aggregation\/datasets\/[^/]+$/,
    parent: '/console/aggregation',
    label: '数据集详情',
  },
  {
    pattern: /^\/console\/aggregation\/databases\/[^/]+$/,
    parent: '/console/aggregation/databases',
    label: '库详情',
  },
  { pattern: /^\/console\/catalog\/entries\/[^/]+$/, parent: '/console/catalog', label: '目录详情' },
  { pattern: /^\/console\/catalog\/entries\/[^/]+\/edit$/, parent: '/console/catalog', label: '修改目录' },
];

/**
 * The menu key to highlight and the breadcrumb trail below 管理控制台 (null trail = unknown page).
 * `from` is the menu page a child page was opened from (router state), when known.
 */
export function locate(pathname: string, from?: string): { menuKey: string; trail: Crumb[] | null } {
  const clean = pathname.replace(/\/+$/, '') || '/';
  const item = findNavItem(clean);
  if (item) return { menuKey: item.path, trail: [{ label: item.label }] };
  const child = CHILD_PAGES.find((c) => c.pattern.test(clean));
  const parent = child && ((from && findNavItem(from)) || findNavItem(child.parent));
  if (child && parent) {
    return {
      menuKey: parent.path,
      trail: [{ label: parent.label, path: parent.path }, { label: child.label }],
    };
  }
  return { menuKey: clean, trail: null };
}
