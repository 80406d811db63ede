import { describe, expect, it } from 'vitest'
import { nextSort, portfolioQueryOf, trendColor } from './portfolioRules'

describe('portfolio rules', () => {
  it('reads the month, sort and order from the address, falling back on what the API would refuse', () => {
    expect(portfolioQueryOf(new URLSearchParams('month=2026-03&sort=breaches&order=desc'))).toEqual({ month: '2026-03', sort: 'breaches', order: 'desc' })
    expect(portfolioQueryOf(new URLSearchParams('month=2026-13&sort=title&order=down'))).toEqual({ month: null, sort: 'reference', order: 'asc' })
  })

  it('sorts a new column ascending and reverses the current one', () => {
    expect(nextSort({ month: null, sort: 'reference', order: 'asc' }, 'breaches')).toEqual({ sort: 'breaches', order: 'asc' })
    expect(nextSort({ month: null, sort: 'breaches', order: 'asc' }, 'breaches')).toEqual({ sort: 'breaches', order: 'desc' })
    expect(nextSort({ month: null, sort: 'breaches', order: 'desc' }, 'breaches')).toEqual({ sort: 'breaches', order: 'asc' })
  })

  it('colours a trend by whether its way is the better one', () => {
    expect(trendColor({ direction: 'up', upIsGood: true })).toBe('green')
    expect(trendColor({ direction: 'up', upIsGood: false })).toBe('red')
    expect(trendColor({ direction: 'down', upIsGood: false })).toBe('green')
    expect(trendColor({ direction: 'down', upIsGood: true })).toBe('red')
    expect(trendColor({ direction: 'flat', upIsGood: true })).toBe('gray')
    expect(trendColor({ direction: null, upIsGood: true })).toBe('gray')
  })
})
