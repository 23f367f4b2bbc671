import { BankOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Layout, Popconfirm, Space, Tag, Typography } from 'antd';
import { levelLabel } from '../../lib/format.ts';
import type { CurrentUser } from '../../types.ts';
import { NotificationBell } from './NotificationBell.tsx';

interface Props {
  user: CurrentUser | null;
  onLogout: () => void;
  showBell: boolean;
}

export function ConsoleHeader({ user, onLogout, showBell }: Props) {
  return (
    <Layout.Header
      style={{
        background: '#fff',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        boxShadow: '0 1px 4px rgba(0,21,41,0.08)',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Typography.Text strong style={{ fontSize: 15 }}>
        管理控制台
      </Typography.Text>
      <Space size="middle">
        {showBell && user && <NotificationBell />}
        {user?.agency && (
          <Space size={6}>
            <BankOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
            <span>{user.agency.name}</span>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {levelLabel(user.agency.level)}
            </Tag>
          </Space>
        )}
        <Space size={6}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d5ab9' }} />
          <span>{user?.displayName ?? '待修改密码'}</span>
        </Space>
        <Popconfirm title="确定退出登录吗？" okText="退出" cancelText="取消" onConfirm={onLogout}>
          <Button size="small" icon={<LogoutOutlined />}>
            退出
          </Button>
        </Popconfirm>
      </Space>
    </Layout.Header>
  );
}
