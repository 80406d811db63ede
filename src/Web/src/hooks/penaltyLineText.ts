import { useTranslation } from 'react-i18next'
import { useFormattingLocale } from '../format'
import type { PenaltyPreviewLine } from './penaltyPreview'
import type { StatementLine } from './statements'

/**
 * A penalty line in words, the same in the terms' preview and in the monthly statements: a breach with its ticket,
 * priority, clock and instant (written by `formatInstant`, in whichever zone the screen reads it), a success rate
 * against its target, a service's availability below a band.
 */
export function usePenaltyLineText(formatInstant: (iso: string) => string) {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  const number = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)
  const percent = (value: number | null | undefined) => (value == null ? '' : `${number(value)} %`)
  const clockName = (clock: string | null | undefined) => (clock === 'respond' || clock === 'resolve' ? t(`terms.clocks.${clock}`) : '')
  const instant = (iso: string | null | undefined) => (iso ? formatInstant(iso) : '')

  function describe(line: PenaltyPreviewLine): string {
    switch (line.kind) {
      case 'breach':
        return t(line.rule ? 'terms.penaltyPreview.lines.breach' : 'terms.penaltyPreview.lines.breachNoRule', {
          ticket: line.ticket,
          priority: line.priority,
          clock: clockName(line.clock),
          at: instant(line.breachedAt),
        })
      case 'successRate':
        return t('terms.penaltyPreview.lines.successRate', {
          priority: line.priority,
          clock: clockName(line.clock),
          rate: percent(line.ratePercent),
          met: line.met,
          completed: line.completed,
          target: percent(line.targetPercent),
          count: line.points ?? 0,
        })
      case 'availability':
        return t('terms.penaltyPreview.lines.availability', {
          service: line.service,
          availability: percent(line.availabilityPercent),
          below: percent(line.belowPercent),
        })
      default:
        return line.kind
    }
  }

  return { describe, clockName, instant, percent }
}

/** A statement line's short name, for the row, buttons and dialog about it: "ticket 1042 (Resolution)", "ERP availability". */
export function useStatementLineName() {
  const { t } = useTranslation()
  const { clockName } = usePenaltyLineText((iso) => iso)
  return (line: StatementLine): string => {
    const { detail } = line
    switch (detail.kind) {
      case 'breach':
        return t('statements.lineNames.breach', { ticket: line.ticketNumber ?? '—', clock: clockName(detail.clock) })
      case 'successRate':
        return t('statements.lineNames.successRate', { priority: detail.priority, clock: clockName(detail.clock) })
      case 'availability':
        return t('statements.lineNames.availability', { service: detail.service })
      default:
        return line.key
    }
  }
}
