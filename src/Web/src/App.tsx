import { Center } from '@mantine/core'
import type { ReactNode } from 'react'
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router'
import { Layout } from './components/Layout'
import { ErrorAlert, Loading } from './components/States'
import { UserContext, useSession, useUser, type UserInfo } from './hooks/session'
import { AcceptInvitationPage } from './pages/AcceptInvitationPage'
import { AuditLogPage } from './pages/AuditLogPage'
import { BudgetsPage } from './pages/BudgetsPage'
import { ContractPage } from './pages/ContractPage'
import { ContractsPage } from './pages/ContractsPage'
import { ForbiddenPage } from './pages/ForbiddenPage'
import { HomePage } from './pages/HomePage'
import { InvoicePage } from './pages/InvoicePage'
import { LoginPage } from './pages/LoginPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { NotificationPreferencesPage } from './pages/NotificationPreferencesPage'
import { NotificationsPage } from './pages/NotificationsPage'
import { OrganisationsPage } from './pages/OrganisationsPage'
import { PortfolioPage } from './pages/PortfolioPage'
import { ServiceAccountsPage } from './pages/ServiceAccountsPage'
import { TicketImportPage } from './pages/TicketImportPage'
import { TicketPage } from './pages/TicketPage'
import { TicketsPage } from './pages/TicketsPage'
import { UsersPage } from './pages/UsersPage'
import { readsBudgets } from './budgetRules'
import { loginPath } from './returnTo'
import { canReadContracts, canSteerContracts, canUseTickets, isClientManager, isOperator, isOrganisationAdmin } from './roles'

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
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invitation/:token" element={<AcceptInvitationPage />} />
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
  )
}
