import { describe, expect, it } from 'vitest'
import { monthsSince } from './hooks/tickets'
import { effectiveSort, nextTicketSort, priorityOf, spanOf, spanUnits, ticketFilterCount, ticketSearchOf, ticketViewOf } from './ticketRules'

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

describe('a ticket list view in the address', () => {
  it('reads the desk’s defaults from an empty address and writes them back as nothing', () => {
    const view = ticketViewOf(new URLSearchParams(''), true)
    expect(view).toMatchObject({ status: 'open', sort: undefined, order: undefined, q: undefined })
    expect(ticketSearchOf(view, true).toString()).toBe('')
    expect(ticketSearchOf(ticketViewOf(new URLSearchParams(''), false), false).toString()).toBe('')
  })

  it('counts the filters that differ from the defaults, not the search or the sort', () => {
    expect(ticketFilterCount(ticketViewOf(new URLSearchParams('q=imprimante&sort=title'), true), true)).toBe(0)
    expect(ticketFilterCount(ticketViewOf(new URLSearchParams('status=all&priority=P1&breached=true'), true), true)).toBe(3)
    expect(ticketFilterCount(ticketViewOf(new URLSearchParams('status=open'), false), false)).toBe(1)
  })

  it('keeps every filter, the search and the sort through the address', () => {
    const address = 'contract=c-1&tenant=t-1&priority=P1&kind=incident&level=2&assignee=me&breached=true&q=imprimante+3e&sort=title&order=desc&status=all'
    const view = ticketViewOf(new URLSearchParams(address), true)
    expect(view).toEqual({
      contractId: 'c-1',
      tenantId: 't-1',
      status: '',
      priority: 'P1',
      kind: 'incident',
      level: '2',
      assignee: 'me',
      breached: true,
      q: 'imprimante 3e',
      sort: 'title',
      order: 'desc',
    })
    expect(ticketViewOf(ticketSearchOf(view, true), true)).toEqual(view)
    expect(ticketSearchOf({ status: 'resolved' }, false).toString()).toBe('status=resolved')
  })

  it('falls back to the list’s own order for an unknown sort or order', () => {
    expect(ticketViewOf(new URLSearchParams('sort=oldest&order=up'), false)).toMatchObject({ sort: undefined, order: undefined })
    expect(effectiveSort({}, true)).toEqual({ sort: 'urgency', order: 'asc' })
    expect(effectiveSort({}, false)).toEqual({ sort: 'newest', order: 'desc' })
    expect(effectiveSort({ sort: 'newest' }, true)).toEqual({ sort: 'newest', order: 'desc' })
    expect(effectiveSort({ sort: 'title' }, false)).toEqual({ sort: 'title', order: 'asc' })
  })

  it('sorts on a clicked column, and reverses it on a second click', () => {
    expect(nextTicketSort({}, false, 'title')).toEqual({ sort: 'title', order: 'asc' })
    expect(nextTicketSort({ sort: 'title', order: 'asc' }, false, 'title')).toEqual({ sort: 'title', order: 'desc' })
    expect(nextTicketSort({}, false, 'newest')).toEqual({ sort: 'newest', order: 'asc' })
    expect(nextTicketSort({}, true, 'newest')).toEqual({ sort: 'newest', order: 'desc' })
    expect(nextTicketSort({}, true, 'urgency')).toEqual({ sort: 'urgency', order: 'desc' })
  })
})
