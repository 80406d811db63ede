import { describe, expect, it } from 'vitest'
import { monthsSince } from './hooks/tickets'
import { priorityOf, spanOf, spanUnits } from './ticketRules'

describe('ITIL priority matrix', () => {
  it.each([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['medium', 'high', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'medium', 'P3'],
    ['low', 'high', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P4'],
  ] as const)('gives impact %s and urgency %s the priority %s', (impact, urgency, priority) => {
    expect(priorityOf(impact, urgency)).toBe(priority)
  })
})

describe('time left to a deadline', () => {
  const minutes = (count: number) => count * 60_000
  it.each([
    [minutes(130) + 59_000, [['hours', 2], ['minutes', 10]]],
    [minutes(120), [['hours', 2]]],
    [minutes(35), [['minutes', 35]]],
    [59_000, []],
    [minutes(3 * 1440 + 125), [['days', 3], ['hours', 2]]],
    [minutes(1440 + 5), [['days', 1]]],
    [-minutes(35) - 20_000, [['minutes', 35]]],
  ])('reads %i ms as the two largest units that matter', (ms, units) => {
    expect(spanUnits(spanOf(ms))).toEqual(units)
  })
})

describe('months an outage list reads', () => {
  it('covers every month from the ticket’s to now, at most twelve', () => {
    expect(monthsSince('2026-11-30T23:00:00Z', new Date('2027-02-03T00:00:00Z'))).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
    expect(monthsSince('2025-01-01T00:00:00Z', new Date('2027-02-03T00:00:00Z'))).toHaveLength(12)
    expect(monthsSince('2027-03-01T00:00:00Z', new Date('2027-02-03T00:00:00Z'))).toEqual(['2027-03'])
  })
})
