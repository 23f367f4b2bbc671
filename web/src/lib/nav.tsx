import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  KeyOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Permission that shows the item; undefined = everyone. */
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
