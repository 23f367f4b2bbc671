import type { ReactNode } from 'react';
import { PortalFooter } from './PortalFooter.tsx';
import { PortalHeader } from './PortalHeader.tsx';

export function PortalShell({ children }: { children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#f5f7fa' }}>
      <PortalHeader />
      <main style={{ flex: 1 }}>{children}</main>
      <PortalFooter />
    </div>
  );
}
