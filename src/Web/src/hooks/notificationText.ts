import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { daysUntil, formatAmount, formatDate, formatDateTime, useFormattingLocale } from '../format'
import { checklistPhases, contractPageUrl } from './contracts'
import { evolutionStates } from './evolutions'
import { invoicePageUrl } from './invoices'
import type { AppNotification } from './notifications'
import { ticketPageUrl } from './tickets'

/** A notification as its reader reads it: what happened, a detail when there is one, and where it leads. */
export interface NotificationText {
  title: string
  detail?: string
  to: string
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.some((known) => known === value)

/** Where a notification leads: the thing it is about, or its contract when the thing has no page (or is not known). */
export function notificationLink({ contractId, subject }: Pick<AppNotification, 'contractId' | 'subject'>): string {
  switch (subject.type) {
    case 'ticket':
      return subject.id ? ticketPageUrl(subject.id) : contractPageUrl(contractId)
    case 'invoice':
      return subject.id ? invoicePageUrl(subject.id) : contractPageUrl(contractId)
    case 'evolution':
      return contractPageUrl(contractId, '?tab=evolutions')
    case 'version':
      return contractPageUrl(contractId, `?tab=terms&version=${encodeURIComponent(subject.label)}`)
    case 'checklistItem':
    case 'phase':
      return contractPageUrl(contractId, '?tab=phases')
    case 'review':
      // The contract's reviews tab opens the review named.
      return contractPageUrl(contractId, subject.id ? `?tab=reviews&review=${encodeURIComponent(subject.id)}` : '?tab=reviews')
    default:
      return contractPageUrl(contractId)
  }
}

/** Writes the sentence of each kind from its data, in the reader's language; a kind this version does not know still reads. */
export function describeNotification(notification: AppNotification, t: TFunction, language: string, today: Date = new Date()): NotificationText {
  const { data, subject } = notification
  const to = notificationLink(notification)
  const number = text(data.number) || subject.label
  const date = (value: unknown) => (typeof value === 'string' && value !== '' ? formatDate(value, language) : '')
  const amount = (value: unknown) => (typeof value === 'number' ? formatAmount(value, language) : undefined)
  const clock = () => (isOneOf(['respond', 'resolve'] as const, data.clock) ? t(`notifications.clocks.${data.clock}`) : t('notifications.clocks.other'))
  const due = typeof data.dueAt === 'string' ? t('notifications.detail.dueAt', { at: formatDateTime(data.dueAt, language) }) : undefined
  const phase = () => (isOneOf(checklistPhases, data.phase) ? t(`contracts.phases.${data.phase}`) : text(data.phase))
  const withVat = (value: unknown) => {
    const total = amount(value)
    return total === undefined ? undefined : t('notifications.detail.withVat', { amount: total })
  }

  switch (notification.kind) {
    case 'slaWarning':
      return {
        title: t('notifications.text.slaWarning', { number, priority: text(data.priority), percent: text(data.percent), clock: clock() }),
        detail: due,
        to,
      }
    case 'slaBreached':
      return { title: t('notifications.text.slaBreached', { number, priority: text(data.priority), clock: clock() }), detail: due, to }
    case 'ticketPendingClient':
      return { title: t('notifications.text.ticketPendingClient', { number }), to }
    case 'ticketResolved':
      return { title: t('notifications.text.ticketResolved', { number }), to }
    case 'noticeDeadlineApproaching': {
      const deadline = text(data.noticeDeadline) || subject.label
      const left = deadline === '' ? null : daysUntil(deadline, today)
      return {
        title: t('notifications.text.noticeDeadlineApproaching', { date: date(deadline) }),
        detail:
          left === null
            ? undefined
            : left > 0
              ? t('notifications.detail.daysLeft', { count: left })
              : left === 0
                ? t('notifications.detail.lastDayToday')
                : t('notifications.detail.deadlinePassed'),
        to,
      }
    }
    case 'evolutionRequested':
      return { title: t('notifications.text.evolutionRequested', { title: text(data.title) || subject.label }), to }
    case 'evolutionStateChanged': {
      const quote = data.state === 'proposed' ? amount(data.quoteAmount) : undefined
      return {
        title: t('notifications.text.evolutionStateChanged', {
          title: text(data.title) || subject.label,
          state: isOneOf(evolutionStates, data.state) ? t(`evolutions.states.${data.state}`) : text(data.state),
        }),
        detail: quote === undefined ? undefined : t('notifications.detail.quote', { amount: quote }),
        to,
      }
    }
    case 'amendmentProposed':
      return {
        title: t('notifications.text.amendmentProposed', { version: text(data.version) || subject.label, name: text(data.proposedBy) }),
        detail: date(data.effectiveFrom) === '' ? undefined : t('notifications.detail.effectiveFrom', { date: date(data.effectiveFrom) }),
        to,
      }
    case 'renewalDecided': {
      const fee = amount(data.revisedMonthlyFee)
      return {
        title: isOneOf(['renew', 'renegotiate', 'terminate'] as const, data.decision)
          ? t(`notifications.text.renewalDecided.${data.decision}`, { date: date(data.periodEnd) })
          : t('notifications.text.renewalDecided.other', { decision: text(data.decision) }),
        detail: fee === undefined ? undefined : t('notifications.detail.revisedFee', { amount: fee }),
        to,
      }
    }
    case 'invoiceControlled': {
      const atStake = amount(data.totalAtStake)
      return {
        title:
          data.hasDiscrepancies === true
            ? t('notifications.text.invoiceWithDiscrepancies', { number, count: typeof data.discrepancyCount === 'number' ? data.discrepancyCount : 0 })
            : t('notifications.text.invoiceCompliant', { number }),
        detail: data.hasDiscrepancies === true && atStake !== undefined ? t('notifications.detail.atStake', { amount: atStake }) : undefined,
        to,
      }
    }
    case 'invoiceDisputed':
      return {
        title: t('notifications.text.invoiceDisputed', { number, name: text(data.disputedBy) }),
        detail: text(data.message) === '' ? undefined : t('notifications.detail.quoted', { text: text(data.message) }),
        to,
      }
    case 'invoiceApproved':
      return {
        title: t(data.invoiceKind === 'creditNote' ? 'notifications.text.creditNoteApproved' : 'notifications.text.invoiceApproved', {
          number,
          name: text(data.approvedBy),
        }),
        detail: withVat(data.totalWithVat),
        to,
      }
    case 'invoicePaid':
      return { title: t('notifications.text.invoicePaid', { number, date: date(data.paidOn) }), detail: withVat(data.totalWithVat), to }
    case 'reviewPrepared':
      return { title: t('notifications.text.reviewPrepared', { period: text(data.period) || subject.label, name: text(data.preparedBy) }), to }
    case 'reviewAwaitingApproval':
      return { title: t('notifications.text.reviewAwaitingApproval', { period: text(data.period) || subject.label, name: text(data.approvedBy) }), to }
    case 'reviewApprovalWithdrawn':
      return { title: t('notifications.text.reviewApprovalWithdrawn', { period: text(data.period) || subject.label, name: text(data.changedBy) }), to }
    case 'reviewClosed':
      return { title: t('notifications.text.reviewClosed', { period: text(data.period) || subject.label }), to }
    case 'reviewActionOverdue':
      return {
        title: t('notifications.text.reviewActionOverdue', { title: text(data.title) || subject.label }),
        detail: date(data.dueOn) === '' ? undefined : t('notifications.detail.ownerDue', { owner: text(data.owner), date: date(data.dueOn) }),
        to,
      }
    case 'checklistItemToAccept':
      return { title: t('notifications.text.checklistItemToAccept', { phase: phase(), title: text(data.title) || subject.label, name: text(data.acceptedBy) }), to }
    case 'phaseReadyToClose':
      return { title: t('notifications.text.phaseReadyToClose', { phase: phase() }), to }
    case 'phaseClosureProposed':
      return { title: t('notifications.text.phaseClosureProposed', { phase: phase(), name: text(data.acceptedBy) }), to }
    case 'monthlyScorecard':
      return { title: t('notifications.text.monthlyScorecard', { month: text(data.month) || subject.label }), to }
    default:
      return { title: subject.label ? t('notifications.text.otherAbout', { label: subject.label }) : t('notifications.text.other'), to }
  }
}

export function useNotificationText() {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  return (notification: AppNotification) => describeNotification(notification, t, locale)
}
