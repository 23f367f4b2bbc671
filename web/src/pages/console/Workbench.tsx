import { BankOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { formatDate, kindLabel, levelLabel } from '../../lib/format.ts';
import { NAV_ITEMS } from '../../lib/nav.tsx';
import { hasPermission, useSession } from '../../lib/session.ts';
import { WorkbenchTodos } from './WorkbenchTodos.tsx';

function greeting(): string {
  const hour = dayjs().hour();
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function Workbench() {
  const { user } = useSession();
  if (!user) return null;
  const links = NAV_ITEMS.filter((i) => i.path !== '/console' && hasPermission(user, i.permission));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {greeting()}，{user.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          今天是{formatDate(dayjs().format('YYYY-MM-DD'))}，{dayjs().format('dddd')}。
        </Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'username', label: '用户名', children: user.username },
            {
              key: 'agency',
              label: '所属机构',
              children: user.agency ? (
                <Space size={6} wrap>
                  <BankOutlined />
                  {user.agency.name}
                  <Tag color="blue">{levelLabel(user.agency.level)}</Tag>
                  <Tag>{kindLabel(user.agency.kind)}</Tag>
                </Space>
              ) : (
                '未关联机构'
              ),
            },
            {
              key: 'region',
              label: '行政区划',
              children: user.agency ? `${user.agency.regionName}（${user.agency.regionCode}）` : '—',
            },
            {
              key: 'roles',
              label: '角色',
              children: user.roles.length ? (
                <Space size={4} wrap>
                  {user.roles.map((r) => (
                    <Tag key={r.code} color="geekblue" title={r.code}>
                      {r.name}
                    </Tag>
                  ))}
                </Space>
              ) : (
                '尚未分配角色，请联系本单位平台管理员'
              ),
            },
          ]}
        />
      </Card>

      {user.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          title="请尽快修改初始密码"
          description={<Link to="/console/password">前往修改密码</Link>}
        />
      )}

      {!user.mustChangePassword && <WorkbenchTodos />}

      <Card title="常用功能">
        {links.length === 0 ? (
          <Empty description="您的账号暂无可用的管理功能。如需开通，请联系本单位平台管理员分配角色。" />
        ) : (
          <Row gutter={[16, 16]}>
            {links.map((item) => (
              <Col key={item.path} xs={24} sm={12} lg={8}>
                <Link to={item.path}>
                  <Card
                    hoverable
                    size="small"
                    styles={{ body: { display: 'flex', gap: 12, alignItems: 'center' } }}
                  >
                    <span style={{ fontSize: 26, color: '#1d5ab9' }}>{item.icon}</span>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Typography.Text strong>{item.label}</Typography.Text>
                      <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{item.description}</div>
                    </div>
                    <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Space>
  );
}
