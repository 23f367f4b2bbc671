import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FundProjectionScreenOutlined,
  KeyOutlined,
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
