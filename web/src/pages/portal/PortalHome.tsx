import { Typography } from 'antd';
import { CategorySection } from './CategorySection.tsx';
import { DepartmentList } from './DepartmentList.tsx';
import { PortalSearchBox } from './PortalSearchBox.tsx';
import { PortalShell } from './PortalShell.tsx';

export function PortalHome() {
  return (
    <PortalShell>
      <div style={{ background: 'linear-gradient(135deg, #0f3d82 0%, #1d5ab9 60%, #3b7bd8 100%)' }}>
        <div style={{ maxWidth: 820, margin: '0 auto', padding: '64px 24px 72px', textAlign: 'center' }}>
          <Typography.Title style={{ color: '#fff', fontWeight: 600, letterSpacing: 2, marginBottom: 12 }}>
            公共数据开放
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16, marginBottom: 28 }}>
            依法有序开放公共数据，服务社会公众、市场主体和科研机构
          </Typography.Paragraph>
          <PortalSearchBox autoFocus />
        </div>
      </div>
      <div style={{ maxWidth: 1200, margin: '0 auto', padding: '40px 24px 0' }}>
        <CategorySection />
        <DepartmentList />
      </div>
    </PortalShell>
  );
}
