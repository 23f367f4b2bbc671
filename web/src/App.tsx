import { Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { setRedirectHandler } from './api.ts';
import { RequirePermission } from './components/RequirePermission.tsx';
import { ConsoleLayout } from './pages/console/ConsoleLayout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PortalHome } from './pages/portal/PortalHome.tsx';
import { PortalSearch } from './pages/portal/PortalSearch.tsx';

const Workbench = lazy(() => import('./pages/console/Workbench.tsx'));
const AgenciesPage = lazy(() => import('./pages/console/AgenciesPage.tsx'));
const AccountsPage = lazy(() => import('./pages/console/AccountsPage.tsx'));
const CalendarPage = lazy(() => import('./pages/console/CalendarPage.tsx'));
const LedgerPage = lazy(() => import('./pages/console/LedgerPage.tsx'));
const PasswordPage = lazy(() => import('./pages/console/PasswordPage.tsx'));
const TodoPage = lazy(() => import('./pages/console/TodoPage.tsx'));
const MatterPage = lazy(() => import('./pages/console/MatterPage.tsx'));
const SupervisionPage = lazy(() => import('./pages/console/SupervisionPage.tsx'));
const MessagesPage = lazy(() => import('./pages/console/MessagesPage.tsx'));
const RulebookPage = lazy(() => import('./pages/console/RulebookPage.tsx'));

const fallback = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

export function App() {
  const navigate = useNavigate();

  useEffect(() => {
    setRedirectHandler((path) => navigate(path, { replace: true }));
  }, [navigate]);

  return (
    <Suspense fallback={fallback}>
      <Routes>
        <Route path="/" element={<PortalHome />} />
        <Route path="/portal" element={<PortalHome />} />
        <Route path="/portal/search" element={<PortalSearch />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/console" element={<ConsoleLayout />}>
          <Route index element={<Workbench />} />
          <Route path="todo" element={<TodoPage />} />
          <Route path="matters/:id" element={<MatterPage />} />
          <Route path="messages" element={<MessagesPage />} />
          <Route
            path="supervision"
            element={
              <RequirePermission permission="supervision.read">
                <SupervisionPage />
              </RequirePermission>
            }
          />
          <Route
            path="agencies"
            element={
              <RequirePermission permission="agency.read">
                <AgenciesPage />
              </RequirePermission>
            }
          />
          <Route
            path="accounts"
            element={
              <RequirePermission permission="account.read">
                <AccountsPage />
              </RequirePermission>
            }
          />
          <Route
            path="calendar"
            element={
              <RequirePermission permission="calendar.read">
                <CalendarPage />
              </RequirePermission>
            }
          />
          <Route
            path="rulebook"
            element={
              <RequirePermission permission="rulebook.read">
                <RulebookPage />
              </RequirePermission>
            }
          />
          <Route
            path="ledger"
            element={
              <RequirePermission permission="ledger.read">
                <LedgerPage />
              </RequirePermission>
            }
          />
          <Route path="password" element={<PasswordPage />} />
          <Route path="*" element={<NotFoundPage inConsole />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
