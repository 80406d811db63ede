import { Center } from '@mantine/core'
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react'
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router'
import { Layout } from './components/Layout'
import { NavigationGuard } from './components/NavigationGuard'
import { ErrorAlert, Loading } from './components/States'
import { UserContext, useSession, useUser, type UserInfo } from './hooks/session'
import { ForbiddenPage } from './pages/ForbiddenPage'
import { HomePage } from './pages/HomePage'
import { LoginPage } from './pages/LoginPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { readsBudgets } from './budgetRules'
import { loginPath } from './returnTo'
import { canReadContracts, canSteerContracts, canUseTickets, isClientManager, isOperator, isOrganisationAdmin, isProviderManager } from './roles'

// The sign-in and home pages come with the application; the others load on the first visit to their route, so the
// first screen does not wait for the code of pages it does not show, nor for the styles of components it does not draw.
const page = <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType) =>
  lazy(async () => {
    const [module] = await Promise.all([load(), import('./mantinePages')])
    return { default: pick(module) }
  })

const AcceptInvitationPage = page(() => import('./pages/AcceptInvitationPage'), (m) => m.AcceptInvitationPage)
const UnlockPage = page(() => import('./pages/UnlockPage'), (m) => m.UnlockPage)
const AuditLogPage = page(() => import('./pages/AuditLogPage'), (m) => m.AuditLogPage)
const CannedRepliesPage = page(() => import('./pages/CannedRepliesPage'), (m) => m.CannedRepliesPage)
const BudgetsPage = page(() => import('./pages/BudgetsPage'), (m) => m.BudgetsPage)
const ContractPage = page(() => import('./pages/ContractPage'), (m) => m.ContractPage)
const ContractsPage = page(() => import('./pages/ContractsPage'), (m) => m.ContractsPage)
const InvoicePage = page(() => import('./pages/InvoicePage'), (m) => m.InvoicePage)
const NotificationPreferencesPage = page(() => import('./pages/NotificationPreferencesPage'), (m) => m.NotificationPreferencesPage)
const NotificationsPage = page(() => import('./pages/NotificationsPage'), (m) => m.NotificationsPage)
const OrganisationsPage = page(() => import('./pages/OrganisationsPage'), (m) => m.OrganisationsPage)
const PortfolioPage = page(() => import('./pages/PortfolioPage'), (m) => m.PortfolioPage)
const ServiceAccountsPage = page(() => import('./pages/ServiceAccountsPage'), (m) => m.ServiceAccountsPage)
const TicketImportPage = page(() => import('./pages/TicketImportPage'), (m) => m.TicketImportPage)
const TicketPage = page(() => import('./pages/TicketPage'), (m) => m.TicketPage)
const TicketsPage = page(() => import('./pages/TicketsPage'), (m) => m.TicketsPage)
const UsersPage = page(() => import('./pages/UsersPage'), (m) => m.UsersPage)

/** Without a session, sends to the log-in page, which comes back here afterwards. */
function RequireAuth() {
  const session = useSession()
  const location = useLocation()
  if (session.isPending) return <Loading />
  if (session.isError) {
    return (
      <Center p="xl">
        <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    )
  }
  if (!session.data) return <Navigate to={loginPath(location.pathname + location.search)} replace />
  return (
    <UserContext value={session.data}>
      <Outlet />
    </UserContext>
  )
}

function RequireRole({ allowed, children }: { allowed: (user: UserInfo) => boolean; children: ReactNode }) {
  const user = useUser()
  return allowed(user) ? children : <ForbiddenPage />
}

export function AppRoutes() {
  return (
    <NavigationGuard>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/invitation/:token"
          element={
            <Suspense fallback={<Loading />}>
              <AcceptInvitationPage />
            </Suspense>
          }
        />
        <Route
          path="/unlock/:token"
          element={
            <Suspense fallback={<Loading />}>
              <UnlockPage />
            </Suspense>
          }
        />
        <Route element={<RequireAuth />}>
          <Route element={<Layout />}>
            <Route index element={<HomePage />} />
            <Route
              path="contracts"
              element={
                <RequireRole allowed={canReadContracts}>
                  <ContractsPage />
                </RequireRole>
              }
            />
            <Route
              path="contracts/:contractId"
              element={
                <RequireRole allowed={canReadContracts}>
                  <ContractPage />
                </RequireRole>
              }
            />
            <Route
              path="contracts/:contractId/tickets/import"
              element={
                <RequireRole allowed={isClientManager}>
                  <TicketImportPage />
                </RequireRole>
              }
            />
            <Route
              path="invoices/:invoiceId"
              element={
                <RequireRole allowed={canReadContracts}>
                  <InvoicePage />
                </RequireRole>
              }
            />
            <Route
              path="portfolio"
              element={
                <RequireRole allowed={canSteerContracts}>
                  <PortfolioPage />
                </RequireRole>
              }
            />
            <Route
              path="budgets"
              element={
                <RequireRole allowed={readsBudgets}>
                  <BudgetsPage />
                </RequireRole>
              }
            />
            <Route
              path="tickets"
              element={
                <RequireRole allowed={canUseTickets}>
                  <TicketsPage />
                </RequireRole>
              }
            />
            <Route
              path="canned-replies"
              element={
                <RequireRole allowed={isProviderManager}>
                  <CannedRepliesPage />
                </RequireRole>
              }
            />
            <Route
              path="tickets/:ticketId"
              element={
                <RequireRole allowed={canUseTickets}>
                  <TicketPage />
                </RequireRole>
              }
            />
            <Route
              path="notifications"
              element={
                <RequireRole allowed={canReadContracts}>
                  <NotificationsPage />
                </RequireRole>
              }
            />
            <Route
              path="settings/notifications"
              element={
                <RequireRole allowed={canReadContracts}>
                  <NotificationPreferencesPage />
                </RequireRole>
              }
            />
            <Route
              path="users"
              element={
                <RequireRole allowed={isOrganisationAdmin}>
                  <UsersPage />
                </RequireRole>
              }
            />
            <Route
              path="service-accounts"
              element={
                <RequireRole allowed={isOrganisationAdmin}>
                  <ServiceAccountsPage />
                </RequireRole>
              }
            />
            <Route
              path="organisations"
              element={
                <RequireRole allowed={isOperator}>
                  <OrganisationsPage />
                </RequireRole>
              }
            />
            <Route
              path="audit"
              element={
                <RequireRole allowed={isOrganisationAdmin}>
                  <AuditLogPage />
                </RequireRole>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </NavigationGuard>
  )
}
