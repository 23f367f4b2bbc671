import { DatabaseFilled, LoginOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, readCookie } from '../../api.ts';
import type { CurrentUser, MeResponse } from '../../types.ts';

/** Shows 登录, or the signed-in person when a session cookie is present. */
export function PortalHeader() {
  const [user, setUser] = useState<CurrentUser | null>(null);

  useEffect(() => {
    if (!readCookie('govdata_csrf')) return;
    const controller = new AbortController();
    api
      .get<MeResponse>('/api/v1/auth/me', undefined, { signal: controller.signal, redirectOnAuth: false })
      .then((me) => setUser(me.user))
      .catch(() => setUser(null));
    return () => controller.abort();
  }, []);

  return (
    <header style={{ background: '#fff', borderBottom: '1px solid #e8edf5' }}>
      <div
        style={{
          maxWidth: 1200,
          margin: '0 auto',
          padding: '0 24px',
          height: 64,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
        }}
      >
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, color: '#0f3d82' }}>
          <DatabaseFilled style={{ fontSize: 26 }} />
          <span style={{ fontSize: 20, fontWeight: 600, letterSpacing: 1 }}>黑龙江省政务数据开放平台</span>
        </Link>
        {user ? (
          <span>
            <span style={{ marginRight: 12, color: 'rgba(0,0,0,0.65)' }}>{user.displayName}</span>
            {user.kind === 'staff' && (
              <Link to="/console">
                <Button type="primary" ghost>
                  进入管理控制台
                </Button>
              </Link>
            )}
          </span>
        ) : (
          <Link to="/login">
            <Button type="primary" ghost icon={<LoginOutlined />}>
              登录
            </Button>
          </Link>
        )}
      </div>
    </header>
  );
}
