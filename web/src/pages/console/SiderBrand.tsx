import { DatabaseFilled } from '@ant-design/icons';
import { Link } from 'react-router-dom';

export function SiderBrand({ collapsed }: { collapsed: boolean }) {
  return (
    <Link
      to="/console"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        height: 56,
        padding: collapsed ? '0 28px' : '0 20px',
        color: '#fff',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
        borderBottom: '1px solid rgba(255,255,255,0.08)',
      }}
    >
      <DatabaseFilled style={{ fontSize: 22, color: '#4d8fe8' }} />
      {!collapsed && (
        <span style={{ fontSize: 15, fontWeight: 600, letterSpacing: 1 }}>黑龙江省政务数据平台</span>
      )}
    </Link>
  );
}
