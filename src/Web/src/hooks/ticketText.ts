import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { spanOf, spanUnits } from '../ticketRules'
import { useUser } from './session'
import type { TicketContract } from './tickets'

/** "2 h 10 min", in the current language. */
export function useFormatSpan() {
  const { t } = useTranslation()
  return (milliseconds: number) => {
    const units = spanUnits(spanOf(milliseconds))
    return units.length === 0
      ? t('tickets.duration.underAMinute')
      : units.map(([unit, count]) => t(`tickets.duration.${unit}`, { count })).join(' ')
  }
}

/** "in 2 h 10 min" before the due time, "overdue by 35 min" after it. */
export function useRelativeDue() {
  const { t } = useTranslation()
  const formatSpan = useFormatSpan()
  return (dueAt: string, now: number) => {
    const left = new Date(dueAt).getTime() - now
    return left >= 0 ? t('tickets.sla.dueIn', { duration: formatSpan(left) }) : t('tickets.sla.overdueBy', { duration: formatSpan(left) })
  }
}

/** A contract as pickers name it: its reference, and for the desk the client it serves. */
export function useContractLabel() {
  const user = useUser()
  return (contract: Pick<TicketContract, 'reference' | 'tenantId'>) => {
    const client = user.organisation.kind === 'provider' ? user.tenants.find((tenant) => tenant.id === contract.tenantId)?.name : undefined
    return client ? `${contract.reference} — ${client}` : contract.reference
  }
}

/** A JSON import's place "tickets[2].events[0].at" in words ("Ticket 3 — events[0].at"); undefined for other places. */
export function ticketLocation(key: string, t: TFunction): string | undefined {
  const ticket = /^(?:\$\.)?tickets\[(\d+)\](?:\.(.+))?$/.exec(key)
  if (!ticket) return undefined
  const at = t('tickets.import.ticketAt', { n: Number(ticket[1]) + 1 })
  return ticket[2] ? `${at} — ${ticket[2]}` : at
}
