import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
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
const CatalogSearchPage = lazy(() => import('./pages/console/catalog/CatalogSearchPage.tsx'));
const EntryPage = lazy(() => import('./pages/console/catalog/EntryPage.tsx'));
const EntryEditorPage = lazy(() => import('./pages/console/catalog/EntryEditorPage.tsx'));
const ReviewInboxPage = lazy(() => import('./pages/console/catalog/ReviewInboxPage.tsx'));
const CatalogStatsPage = lazy(() => import('./pages/console/catalog/CatalogStatsPage.tsx'));
const DutiesPage = lazy(() => import('./pages/console/catalog/DutiesPage.tsx'));
const DatasetsPage = lazy(() => import('./pages/console/aggregation/DatasetsPage.tsx'));
const DatasetPage = lazy(() => import('./pages/console/aggregation/DatasetPage.tsx'));
const DatabasesPage = lazy(() => import('./pages/console/aggregation/DatabasesPage.tsx'));
const DatabasePage = lazy(() => import('./pages/console/aggregation/DatabasePage.tsx'));

/** A console page behind its permission. */
function guarded(permission: string, page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

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
          <Route path="catalog" element={guarded('catalog.read', <CatalogSearchPage />)} />
          <Route path="catalog/new" element={guarded('catalog.edit', <EntryEditorPage />)} />
          <Route path="catalog/entries/:id" element={guarded('catalog.read', <EntryPage />)} />
          <Route path="catalog/entries/:id/edit" element={guarded('catalog.edit', <EntryEditorPage />)} />
          <Route path="catalog/review" element={guarded('catalog.review', <ReviewInboxPage />)} />
          <Route path="catalog/statistics" element={guarded('catalog.review', <CatalogStatsPage />)} />
          <Route path="catalog/duties" element={guarded('catalog.duty.manage', <DutiesPage />)} />
          <Route path="aggregation" element={guarded('aggregation.read', <DatasetsPage />)} />
          <Route path="aggregation/datasets/:id" element={guarded('aggregation.read', <DatasetPage />)} />
          <Route path="aggregation/databases" element={guarded('aggregation.read', <DatabasesPage />)} />
          <Route path="aggregation/databases/:code" element={guarded('aggregation.read', <DatabasePage />)} />
          <Route path="password" element={<PasswordPage />} />
          <Route path="*" element={<NotFoundPage inConsole />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
