import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { locate } from '../../lib/nav.tsx';

/** Router state a page may pass along so the breadcrumb leads back where the user came from. */
export interface FromState {
  from?: string;
}

export function ConsoleBreadcrumb() {
  const { pathname, state } = useLocation();
  const { trail } = locate(pathname, (state as FromState | null)?.from);
  const items = [
    {
      title: (
        <Link to="/console">
          <HomeOutlined /> 管理控制台
        </Link>
      ),
    },
  ];
  if (!trail) items.push({ title: <span>页面不存在</span> });
  else {
    for (const c of trail) {
      items.push({ title: c.path ? <Link to={c.path}>{c.label}</Link> : <span>{c.label}</span> });
    }
  }
  return <Breadcrumb style={{ marginBottom: 12 }} items={items} />;
}
