import type { FigureStatusValue, TrendMonth, TrendRate } from './hooks/reporting'

const yearMonth = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The month in the browser's calendar ("2026-05"). */
export function currentMonth(today: Date = new Date()): string {
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`
}

/** The month in the address when it is one and has begun, else the current month. */
export function scorecardMonthOf(value: string | null, today: Date = new Date()): string {
  const current = currentMonth(today)
  return value !== null && yearMonth.test(value) && value <= current ? value : current
}

/** The month `count` months after (before, when negative) `month`. */
export function shiftMonth(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number]
  const index = year * 12 + number - 1 + count
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** Mantine's colour for a status. */
export const statusColor: Record<FigureStatusValue, string> = { green: 'green', amber: 'yellow', red: 'red' }

/**
 * The rates to chart, in the trend's order: those the contract sets a target for in some month; for a contract with
 * none, those with a completed clock.
 */
export function chartedRates(months: readonly TrendMonth[]): Pick<TrendRate, 'priority' | 'clock'>[] {
  const having = (kept: (rate: TrendRate) => boolean) => {
    const rates: Pick<TrendRate, 'priority' | 'clock'>[] = []
    for (const rate of months.flatMap((month) => month.sla).filter(kept)) {
      if (!rates.some((r) => r.priority === rate.priority && r.clock === rate.clock)) rates.push({ priority: rate.priority, clock: rate.clock })
    }
    return rates
  }
  const targeted = having((rate) => rate.targetPercent !== null)
  return targeted.length > 0 ? targeted : having((rate) => rate.successRate !== null)
}

/**
 * The trend's success rates for one priority and clock, month by month, beside its target: a month without a
 * completed clock has no point (a gap rather than a false zero).
 */
export function rateSeries(months: readonly TrendMonth[], { priority, clock }: Pick<TrendRate, 'priority' | 'clock'>) {
  return months.map((month) => {
    const rate = month.sla.find((candidate) => candidate.priority === priority && candidate.clock === clock)
    return { month: month.month, rate: rate?.successRate ?? null, target: rate?.targetPercent ?? null }
  })
}

const reviewPeriod = /^(\d{4})-(0[1-9]|1[0-2]|Q[1-4])$/

/** A review's period is a month (yyyy-MM) or a quarter (yyyy-Qn). */
export function isReviewPeriod(value: string): boolean {
  return reviewPeriod.test(value)
}

/** The period a review would most likely cover now: last month. */
export function defaultReviewPeriod(today: Date = new Date()): string {
  return shiftMonth(currentMonth(today), -1)
}
