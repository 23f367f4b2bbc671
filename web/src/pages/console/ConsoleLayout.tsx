import { Button, Layout, Menu, Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, isPasswordChangeRequired, type Problem, toProblem } from '../../api.ts';
import { locate, NAV_ITEMS } from '../../lib/nav.tsx';
import { hasPermission, type Session, SessionContext } from '../../lib/session.ts';
import { UnreadContext, useUnreadPoller } from '../../lib/unread.ts';
import type { CurrentUser, MeResponse } from '../../types.ts';
import { ConsoleBreadcrumb, type FromState } from './ConsoleBreadcrumb.tsx';
import { ConsoleHeader } from './ConsoleHeader.tsx';
import { SiderBrand } from './SiderBrand.tsx';

const { Sider, Content, Footer } = Layout;
const PASSWORD_PATH = '/console/password';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; user: CurrentUser }
  | { status: 'password-only' }
  | { status: 'error'; problem: Problem };

export function ConsoleLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [collapsed, setCollapsed] = useState(false);

  const refresh = useCallback(async (): Promise<CurrentUser | null> => {
    try {
      const me = await api.get<MeResponse>('/api/v1/auth/me');
      setState({ status: 'ready', user: me.user });
      return me.user;
    } catch (err) {
      const problem = toProblem(err);
      if (problem.status === 401) return null; // the api layer is sending us to /login
      if (isPasswordChangeRequired(problem)) setState({ status: 'password-only' });
      else setState({ status: 'error', problem });
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const user = state.status === 'ready' ? state.user : null;
  const session = useMemo<Session>(() => ({ user, refresh }), [user, refresh]);
  const mustChange = state.status === 'password-only' || Boolean(user?.mustChangePassword);
  const unread = useUnreadPoller(user !== null && user.kind !== 'public' && !mustChange, location.pathname);

  const menuItems = useMemo(
    () =>
      NAV_ITEMS.filter((item) => hasPermission(user, item.permission)).map((item) => ({
        key: item.path,
        icon: item.icon,
        label: <Link to={item.path}>{item.label}</Link>,
      })),
    [user],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { redirectOnAuth: false });
    } catch {
      // the session may already be gone; leave anyway
    }
    navigate('/login', { replace: true });
  }, [navigate]);

  if (state.status === 'loading') {
    return (
      <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" description="正在加载账号信息…" />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <Result
        status="error"
        title={state.problem.title}
        subTitle={state.problem.detail ?? '暂时无法获取账号信息，请稍后重试。'}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            重试
          </Button>
        }
      />
    );
  }
  if (mustChange && location.pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  if (user?.kind === 'public') {
    return (
      <Result
        status="info"
        title="公众账号无需使用管理控制台"
        subTitle="管理控制台供政务工作人员使用。您可以前往数据开放门户查找和申请开放数据。"
        extra={
          <Link to="/portal">
            <Button type="primary">前往数据开放门户</Button>
          </Link>
        }
      />
    );
  }

  return (
    <SessionContext.Provider value={session}>
      <UnreadContext.Provider value={unread}>
        <Layout style={{ minHeight: '100vh' }}>
          <Sider
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            width={224}
            style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
          >
            <SiderBrand collapsed={collapsed} />
            <Menu
              theme="dark"
              mode="inline"
              // A matter opened from the 督办 board stays under it (router state, as the breadcrumb).
              selectedKeys={[locate(location.pathname, (location.state as FromState | null)?.from).menuKey]}
              items={mustChange ? menuItems.filter((i) => i.key === PASSWORD_PATH) : menuItems}
            />
          </Sider>
          <Layout>
            <ConsoleHeader user={user} onLogout={logout} showBell={!mustChange} />
            <Content style={{ margin: '16px 24px 0' }}>
              <ConsoleBreadcrumb />
              <Outlet />
            </Content>
            <Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', fontSize: 12, padding: '16px' }}>
              黑龙江省政务数据平台 · 主办单位：黑龙江省政务数据主管部门
            </Footer>
          </Layout>
        </Layout>
      </UnreadContext.Provider>
    </SessionContext.Provider>
  );
}
