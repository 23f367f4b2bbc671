import {
  AlertOutlined,
  BankOutlined,
  CloudOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  HeartOutlined,
  IdcardOutlined,
  SafetyOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface Category {
  name: string;
  icon: ReactNode;
}

const GROUPS: { title: string; hint: string; color: string; items: Category[] }[] = [
  {
    title: '基础库',
    hint: '全省统一建设的基础数据资源库',
    color: '#1d5ab9',
    items: [
      { name: '人口', icon: <TeamOutlined /> },
      { name: '法人', icon: <ShopOutlined /> },
      { name: '自然资源和空间地理', icon: <EnvironmentOutlined /> },
      { name: '电子证照', icon: <IdcardOutlined /> },
    ],
  },
  {
    title: '主题库',
    hint: '围绕重点领域汇聚的主题数据资源库',
    color: '#0e7c66',
    items: [
      { name: '医疗健康', icon: <HeartOutlined /> },
      { name: '政务服务', icon: <SolutionOutlined /> },
      { name: '社会保障', icon: <SafetyOutlined /> },
      { name: '生态环保', icon: <CloudOutlined /> },
      { name: '信用体系', icon: <FileProtectOutlined /> },
      { name: '应急管理', icon: <AlertOutlined /> },
      { name: '国资监管', icon: <BankOutlined /> },
    ],
  },
];

export function CategorySection() {
  return (
    <>
      {GROUPS.map((group) => (
        <section key={group.title} style={{ marginBottom: 32 }}>
          <Typography.Title level={4} style={{ marginBottom: 4 }}>
            {group.title}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{group.hint}</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {group.items.map((item) => (
              <Col key={item.name} xs={12} sm={8} md={6}>
                <Link to={`/portal/search?q=${encodeURIComponent(item.name)}`}>
                  <Card
                    hoverable
                    styles={{ body: { display: 'flex', alignItems: 'center', gap: 14, padding: 18 } }}
                  >
                    <span
                      style={{
                        fontSize: 22,
                        color: group.color,
                        background: `${group.color}14`,
                        borderRadius: 8,
                        width: 44,
                        height: 44,
                        display: 'grid',
                        placeItems: 'center',
                        flex: 'none',
                      }}
                    >
                      {item.icon}
                    </span>
                    <Typography.Text strong style={{ fontSize: 15 }}>
                      {item.name}
                    </Typography.Text>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </section>
      ))}
    </>
  );
}
