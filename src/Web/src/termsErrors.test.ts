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
})
