import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { findNavItem } from '../../lib/nav.tsx';

export function ConsoleBreadcrumb() {
  const { pathname } = useLocation();
  const item = findNavItem(pathname);
  const items = [
    {
      title: (
        <Link to="/console">
          <HomeOutlined /> 管理控制台
        </Link>
      ),
    },
  ];
  if (item && item.path !== '/console') items.push({ title: <span>{item.label}</span> });
  else if (!item) items.push({ title: <span>页面不存在</span> });
  else items.push({ title: <span>工作台</span> });
  return <Breadcrumb style={{ marginBottom: 12 }} items={items} />;
}
