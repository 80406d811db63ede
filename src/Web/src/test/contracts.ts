import type { ContractDetail, ContractSummary, ContractTerms, Version } from '../hooks/contracts'
import type { UserInfo } from '../hooks/session'
import { clientAdmin, json, type fakeBackend } from './render'

/** Test data for the contract screens: the parties, a contract in each shape the screens care about. */

export const providerOrganisation = { id: 'org-p', name: 'Provider SAS' }

export const contractManager: UserInfo = { ...clientAdmin, id: 'u-cm', displayName: 'Claire Manager', roles: ['ContractManager'] }
export const requester: UserInfo = { ...clientAdmin, id: 'u-rq', displayName: 'Rémi Requester', roles: ['Requester'] }

export const accountManager: UserInfo = {
  id: 'u-am',
  email: 'paul@provider.example',
  displayName: 'Paul Provider',
  organisation: { id: providerOrganisation.id, name: providerOrganisation.name, kind: 'provider' },
  roles: ['AccountManager'],
  tenants: [{ id: 't-1', name: 'Client SA' }],
}

export const agent: UserInfo = { ...accountManager, id: 'u-ag', displayName: 'Agnès Agent', roles: ['AgentL1'] }

/** A calendar date `days` from today, as the API writes dates. */
export function dateIn(days: number): string {
  const date = new Date()
  date.setDate(date.getDate() + days)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export const summary = (overrides: Partial<ContractSummary> = {}): ContractSummary => ({
  id: 'c-1',
  tenantId: 't-1',
  providerOrganisationId: providerOrganisation.id,
  reference: 'INF-2026-01',
  title: 'Infogérance du parc',
  phase: 'run',
  currentVersion: 1,
  monthlyFee: 12500.5,
  startDate: '2025-01-01',
  nextPeriodEnd: '2027-12-31',
  noticeDeadline: '2027-06-30',
  ...overrides,
})

export const detail = (overrides: Partial<ContractDetail> = {}): ContractDetail => ({
  ...summary(),
  createdAt: '2024-11-02T10:00:00Z',
  signedAt: '2024-12-01T09:00:00Z',
  signedBy: 'Claire Manager',
  versions: [{ number: 1, status: 'active', origin: 'signature', effectiveFrom: '2025-01-01' }],
  closures: [],
  renewal: null,
  skippedPhases: [],
  can: [],
  ...overrides,
})

export const terms = (overrides: Partial<ContractTerms> = {}): ContractTerms => ({
  startDate: '2025-01-01',
  initialTermMonths: 36,
  renewalPeriodMonths: 12,
  noticeMonths: 6,
  prices: { monthlyFee: 12500.5, workUnits: [{ code: 'UO-1', label: 'Intervention sur site', unitPrice: 450 }] },
  revision: { index: 'SYNTEC', a: 0.15, b: 0.85, referenceMonth: '2024-01', anniversary: '2026-01-01' },
  calendar: {
    timeZone: 'Europe/Paris',
    alwaysOpen: false,
    weekly: [
      { day: 'monday', open: '08:00', close: '12:00' },
      { day: 'monday', open: '14:00', close: '18:00' },
    ],
    holidayPacks: ['FR'],
    closedDays: [],
  },
  sla: {
    targets: [
      { priority: 'P1', respond: { value: 30, unit: 'minutes', endOfWorkingDay: false }, resolve: { value: 4, unit: 'hours', endOfWorkingDay: false } },
      { priority: 'P2', respond: { value: 2, unit: 'hours', endOfWorkingDay: false }, resolve: { value: 2, unit: 'businessDays', endOfWorkingDay: true } },
    ],
    warningThresholds: [50, 75],
  },
  penalties: {
    perBreach: [{ priority: 'P1', kind: 'fixed', amount: 500, clock: null }],
    monthlyFreeBreaches: 1,
    successRateTargets: [],
    availabilityBands: [],
    monthlyCapPercent: 10,
    annualCapPercent: 0,
    minimumTotal: 0,
  },
  evolutionClause: 'Toute évolution fait l’objet d’un devis.',
  reversibilityClause: 'Réversibilité sur six mois.',
  ...overrides,
})

export const version = (overrides: Partial<Version> = {}): Version => ({
  number: 1,
  status: 'active',
  origin: 'signature',
  effectiveFrom: '2025-01-01',
  terms: terms(),
  ...overrides,
})

export const operatorUser: UserInfo = {
  id: 'u-op',
  email: 'olga@platform.example',
  displayName: 'Olga Operator',
  organisation: { id: 'o-9', name: 'Platform', kind: 'platform' },
  roles: ['Operator'],
  tenants: [],
}

/** What the contract page reads around any tab of contract c-1 (the detail of `detail()`), as `user`. */
export function contractPageRoutes(user: UserInfo): Parameters<typeof fakeBackend>[0] {
  return {
    'GET /bff/user': () => json(user),
    'GET /api/identity/organisations/providers': () => json([providerOrganisation]),
    'GET /api/notifications/unread-count': () => json({ count: 0 }),
    'GET /api/contracts/c-1': () => json(detail()),
    'GET /api/contracts/c-1/versions/1': () => json(version()),
  }
}
