import { describe, expect, it } from 'vitest'
import { chartedRates, currentMonth, isReviewPeriod, rateSeries, scorecardMonthOf, shiftMonth } from './reportingRules'
import { canSteerContracts } from './roles'
import { trend } from './test/reporting'

const today = new Date(2026, 5, 15)
const user = (kind: 'client' | 'provider' | 'platform', ...roles: string[]) => ({ roles, organisation: { kind } })

describe('reporting rules', () => {
  it('opens the month in the address once it has begun, else the current month', () => {
    expect(currentMonth(today)).toBe('2026-06')
    expect(scorecardMonthOf('2026-03', today)).toBe('2026-03')
    expect(scorecardMonthOf('2026-07', today)).toBe('2026-06')
    expect(scorecardMonthOf('2026-13', today)).toBe('2026-06')
    expect(scorecardMonthOf(null, today)).toBe('2026-06')
  })

  it('moves across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2025-12', 1)).toBe('2026-01')
    expect(shiftMonth('2026-06', -11)).toBe('2025-07')
  })

  it('lets both sides steer, not the requesters nor the operators', () => {
    expect(canSteerContracts(user('client', 'Auditor'))).toBe(true)
    expect(canSteerContracts(user('client', 'Requester'))).toBe(false)
    expect(canSteerContracts(user('provider', 'AgentL1'))).toBe(true)
    expect(canSteerContracts(user('platform', 'Operator'))).toBe(false)
  })

  it('reads review periods as months or quarters', () => {
    expect(['2026-05', '2026-Q2'].map(isReviewPeriod)).toEqual([true, true])
    expect(['2026-13', '2026-Q5', '26-05', '2026-5'].map(isReviewPeriod)).toEqual([false, false, false, false])
  })

  it('charts the rates with a target (else those completed), leaving gaps where none completed', () => {
    expect(chartedRates(trend.months)).toEqual([
      { priority: 'P1', clock: 'respond' },
      { priority: 'P2', clock: 'resolve' },
    ])
    expect(rateSeries(trend.months, { priority: 'P1', clock: 'respond' }).slice(-3)).toEqual([
      { month: '2026-04', rate: 100, target: 99 },
      { month: '2026-05', rate: null, target: 99 },
      { month: '2026-06', rate: 50, target: 99 },
    ])
    const untargeted = trend.months.map((month) => ({ ...month, sla: month.sla.map((rate) => ({ ...rate, targetPercent: null })) }))
    expect(chartedRates(untargeted)).toEqual([
      { priority: 'P1', clock: 'respond' },
      { priority: 'P2', clock: 'resolve' },
    ])
  })
})
