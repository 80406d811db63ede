import { describe, expect, it } from 'vitest'
import { placeTermsErrors } from './termsErrors'
import { terms } from './test/contracts'

describe('terms errors', () => {
  it('puts each error on the deepest place of the form its path falls under', () => {
    const { placed, unplaced } = placeTermsErrors(
      {
        'calendar.weekly[1].open': 'Before closing.',
        'calendar.weekly[1].comment': 'Unknown member.',
        'calendar.weekly[7].open': 'No such row.',
        'sla.warningThresholds[1]': 'Too high.',
        'prices.monthlyFee': 'Required.',
        'nonsense.field': 'What?',
      },
      terms(),
    )
    expect(placed).toEqual({
      'calendar.weekly[1].open': 'Before closing.',
      'calendar.weekly[1]': 'Unknown member.',
      'calendar.weekly': 'No such row.',
      'sla.warningThresholds': 'Too high.',
      'prices.monthlyFee': 'Required.',
    })
    expect(unplaced).toEqual({ 'nonsense.field': 'What?' })
  })

  it('places what a work unit is counted on on its row, and the tolerance’s limits on their fields', () => {
    const { placed, unplaced } = placeTermsErrors(
      {
        'prices.workUnits[0].countedOn': 'Unknown type.',
        'prices.workUnits[UO-1].countedOn': 'Still unknown.',
        'invoiceTolerance.amount': 'Negative.',
        'invoiceTolerance.percent': 'Above 100.',
        'invoiceTolerance.other': 'Unknown member.',
      },
      terms(),
    )
    expect(placed).toEqual({
      'prices.workUnits[0].countedOn': 'Unknown type. Still unknown.',
      'invoiceTolerance.amount': 'Negative.',
      'invoiceTolerance.percent': 'Above 100.',
      invoiceTolerance: 'Unknown member.',
    })
    expect(unplaced).toEqual({})
  })

  it('reads a priority named in place of a position as the row of that priority', () => {
    const { placed } = placeTermsErrors(
      { 'sla.targets[P2].resolve.value': 'At least 1.', 'penalties.perBreach[P1].amount': 'Negative.', 'prices.workUnits[UO-1].unitPrice': 'Zero.' },
      terms(),
    )
    expect(placed).toEqual({
      'sla.targets[1].resolve.value': 'At least 1.',
      'penalties.perBreach[0].amount': 'Negative.',
      'prices.workUnits[0].unitPrice': 'Zero.',
    })
  })

  it('places the penalty rules’ errors on their rows, by position or by priority and clock', () => {
    const withRules = terms({
      penalties: {
        perBreach: [
          { priority: 'P1', kind: 'fixed', amount: 150, clock: 'respond' },
          { priority: 'P1', kind: 'fixed', amount: 500, clock: 'resolve' },
          { priority: 'P3', kind: 'percentOfFee', amount: 0.2, clock: null },
        ],
        monthlyFreeBreaches: 1,
        successRateTargets: [
          { priority: 'P1', clock: 'resolve', targetPercent: 95, creditPercentPerPoint: 0.5, maxCreditPercent: 5 },
          { priority: 'P2', clock: 'resolve', targetPercent: 95, creditPercentPerPoint: 0.5, maxCreditPercent: 0.2 },
        ],
        availabilityBands: [],
        monthlyCapPercent: 10,
        annualCapPercent: 8,
        minimumTotal: 50,
      },
    })
    const { placed, unplaced } = placeTermsErrors(
      {
        'penalties.perBreach[P1/resolve].amount': 'Negative.',
        'penalties.perBreach[P3].clock': 'Unknown clock.',
        'penalties.perBreach[2].priority': 'Overlaps.',
        'penalties.successRateTargets[P2/resolve].maxCreditPercent': 'Below one point.',
        'penalties.successRateTargets[0].clock': 'Required.',
        'penalties.successRateTargets': 'Required list.',
        'penalties.annualCapPercent': 'At most 100.',
        'penalties.minimumTotal': 'Negative.',
      },
      withRules,
    )
    expect(placed).toEqual({
      'penalties.perBreach[1].amount': 'Negative.',
      'penalties.perBreach[2].clock': 'Unknown clock.',
      'penalties.perBreach[2].priority': 'Overlaps.',
      'penalties.successRateTargets[1].maxCreditPercent': 'Below one point.',
      'penalties.successRateTargets[0].clock': 'Required.',
      'penalties.successRateTargets': 'Required list.',
      'penalties.annualCapPercent': 'At most 100.',
      'penalties.minimumTotal': 'Negative.',
    })
    expect(unplaced).toEqual({})
  })
})
