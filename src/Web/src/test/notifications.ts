import type { AppNotification } from '../hooks/notifications'

/** A notification of contract c-1 (INF-2026-01), unread unless said, with what `partial` changes. */
export const notificationOf = (partial: Partial<AppNotification> & Pick<AppNotification, 'id' | 'kind'>): AppNotification => ({
  contractId: 'c-1',
  contractReference: 'INF-2026-01',
  subject: { type: 'contract', id: 'c-1', label: '' },
  data: {},
  createdAt: '2027-04-01T06:00:00Z',
  readAt: null,
  read: false,
  ...partial,
})

/** One notification of each kind the Notifications service writes, with the data it gives that kind. */
export const oneOfEachKind: AppNotification[] = [
  notificationOf({
    id: 'n-sla-warning',
    kind: 'slaWarning',
    subject: { type: 'ticket', id: 'tk-1', label: '1042' },
    data: { number: 1042, clock: 'resolve', priority: 'P2', percent: 75, dueAt: '2027-04-01T14:30:00Z' },
  }),
  notificationOf({
    id: 'n-sla-breached',
    kind: 'slaBreached',
    subject: { type: 'ticket', id: 'tk-1', label: '1042' },
    data: { number: 1042, clock: 'respond', priority: 'P1', dueAt: '2027-04-01T08:00:00Z' },
  }),
  notificationOf({
    id: 'n-pending',
    kind: 'ticketPendingClient',
    subject: { type: 'ticket', id: 'tk-2', label: '1043' },
    data: { number: 1043, from: 'inProgress', to: 'pendingClient', priority: 'P3' },
  }),
  notificationOf({
    id: 'n-resolved',
    kind: 'ticketResolved',
    subject: { type: 'ticket', id: 'tk-2', label: '1043' },
    data: { number: 1043, from: 'inProgress', to: 'resolved', priority: 'P3' },
  }),
  notificationOf({
    id: 'n-notice',
    kind: 'noticeDeadlineApproaching',
    subject: { type: 'contract', id: 'c-1', label: '2027-06-30' },
    data: { daysBefore: 90, noticeDeadline: '2027-06-30', periodEnd: '2027-12-31' },
  }),
  notificationOf({
    id: 'n-evolution-new',
    kind: 'evolutionRequested',
    subject: { type: 'evolution', id: 'ev-1', label: 'Mail migration' },
    data: { title: 'Mail migration', from: 'none', state: 'specified' },
  }),
  notificationOf({
    id: 'n-evolution-moved',
    kind: 'evolutionStateChanged',
    subject: { type: 'evolution', id: 'ev-1', label: 'Mail migration' },
    data: { title: 'Mail migration', from: 'specified', state: 'proposed', quoteAmount: 4800 },
  }),
  notificationOf({
    id: 'n-amendment',
    kind: 'amendmentProposed',
    subject: { type: 'version', label: '2' },
    data: { version: 2, proposedBy: 'Antoine Garnier', proposingSide: 'provider', effectiveFrom: '2027-07-01' },
  }),
  notificationOf({
    id: 'n-renewal',
    kind: 'renewalDecided',
    subject: { type: 'contract', id: 'c-1', label: '2027-12-31' },
    data: { decision: 'renew', periodEnd: '2027-12-31', revisedMonthlyFee: 13524.5 },
  }),
  notificationOf({
    id: 'n-invoice-controlled',
    kind: 'invoiceControlled',
    subject: { type: 'invoice', id: 'inv-2', label: 'F-2026-0052' },
    data: { number: 'F-2026-0052', result: 'discrepancies', hasDiscrepancies: true, discrepancyCount: 2, totalAtStake: 1200 },
  }),
  notificationOf({
    id: 'n-invoice-disputed',
    kind: 'invoiceDisputed',
    subject: { type: 'invoice', id: 'inv-2', label: 'F-2026-0052' },
    data: { number: 'F-2026-0052', message: 'The penalty credit is missing.', disputedBy: 'Marc Dubois' },
  }),
  notificationOf({
    id: 'n-invoice-approved',
    kind: 'invoiceApproved',
    subject: { type: 'invoice', id: 'inv-3', label: 'AV-2026-001' },
    data: { number: 'AV-2026-001', invoiceKind: 'creditNote', totalWithVat: 396, approvedBy: 'Marc Dubois' },
  }),
  notificationOf({
    id: 'n-invoice-paid',
    kind: 'invoicePaid',
    subject: { type: 'invoice', id: 'inv-4', label: 'F-2026-0061' },
    data: { number: 'F-2026-0061', paidOn: '2027-05-15', totalWithVat: 15840 },
  }),
  notificationOf({
    id: 'n-review-prepared',
    kind: 'reviewPrepared',
    subject: { type: 'review', id: 'rv-1', label: '2027-Q1' },
    data: { number: 3, period: '2027-Q1', preparingSide: 'client', preparedBy: 'Marc Dubois' },
  }),
  notificationOf({
    id: 'n-review-awaiting',
    kind: 'reviewAwaitingApproval',
    subject: { type: 'review', id: 'rv-1', label: '2027-Q1' },
    data: { period: '2027-Q1', approvingSide: 'client', approvedBy: 'Marc Dubois', awaitingSide: 'provider' },
  }),
  notificationOf({
    id: 'n-review-withdrawn',
    kind: 'reviewApprovalWithdrawn',
    subject: { type: 'review', id: 'rv-1', label: '2027-Q1' },
    data: { period: '2027-Q1', side: 'provider', changedBy: 'Marc Dubois' },
  }),
  notificationOf({
    id: 'n-review-closed',
    kind: 'reviewClosed',
    subject: { type: 'review', id: 'rv-1', label: '2027-Q1' },
    data: { period: '2027-Q1', closedAt: '2027-04-10T09:00:00+02:00' },
  }),
  notificationOf({
    id: 'n-review-action-overdue',
    kind: 'reviewActionOverdue',
    subject: { type: 'review', id: 'rv-1', label: 'Update the DRP' },
    data: { actionId: 'ac-1', title: 'Update the DRP', side: 'provider', owner: 'Antoine Garnier', dueOn: '2027-03-31', status: 'open' },
  }),
  notificationOf({
    id: 'n-checklist-item',
    kind: 'checklistItemToAccept',
    subject: { type: 'checklistItem', id: 'ci-1', label: 'Quality assurance plan' },
    data: { title: 'Quality assurance plan', phase: 'takeover', acceptingSide: 'provider', acceptedBy: 'Antoine Garnier' },
  }),
  notificationOf({
    id: 'n-phase-ready',
    kind: 'phaseReadyToClose',
    subject: { type: 'phase', id: null, label: 'takeover' },
    data: { phase: 'takeover', lastAcceptedBy: 'Antoine Garnier' },
  }),
  notificationOf({
    id: 'n-phase-closure',
    kind: 'phaseClosureProposed',
    subject: { type: 'phase', id: null, label: 'reversibility' },
    data: { phase: 'reversibility', acceptingSide: 'client', acceptedBy: 'Marc Dubois' },
  }),
  notificationOf({
    id: 'n-scorecard',
    kind: 'monthlyScorecard',
    subject: { type: 'scorecard', id: null, label: '2027-03' },
    data: { month: '2027-03' },
  }),
]
