import { IconBuilding, IconChartBar, IconCoin, IconFileText, IconHistory, IconHome, IconKey, IconTicket, IconUsers, type Icon } from '@tabler/icons-react'
import { readsBudgets } from './budgetRules'
import { canReadContracts, canSteerContracts, canUseTickets, isOperator, isOrganisationAdmin, type OrganisationKind } from './roles'

export interface NavItem {
  path: string
  labelKey: 'nav.home' | 'nav.contracts' | 'nav.portfolio' | 'nav.budgets' | 'nav.tickets' | 'nav.users' | 'nav.serviceAccounts' | 'nav.organisations' | 'nav.audit'
  icon: Icon
}

/** The navigation a user sees: only the modules that exist, and only those its roles may use. */
export function navigationFor(user: { roles: readonly string[]; organisation: { kind: OrganisationKind } }): NavItem[] {
  const items: NavItem[] = [{ path: '/', labelKey: 'nav.home', icon: IconHome }]
  if (canReadContracts(user)) items.push({ path: '/contracts', labelKey: 'nav.contracts', icon: IconFileText })
  if (canSteerContracts(user)) items.push({ path: '/portfolio', labelKey: 'nav.portfolio', icon: IconChartBar })
  if (readsBudgets(user)) items.push({ path: '/budgets', labelKey: 'nav.budgets', icon: IconCoin })
  if (canUseTickets(user)) items.push({ path: '/tickets', labelKey: 'nav.tickets', icon: IconTicket })
  const admin = isOrganisationAdmin(user)
  if (admin) {
    items.push({ path: '/users', labelKey: 'nav.users', icon: IconUsers })
    items.push({ path: '/service-accounts', labelKey: 'nav.serviceAccounts', icon: IconKey })
  }
  if (isOperator(user)) items.push({ path: '/organisations', labelKey: 'nav.organisations', icon: IconBuilding })
  if (admin) items.push({ path: '/audit', labelKey: 'nav.audit', icon: IconHistory })
  return items
}
