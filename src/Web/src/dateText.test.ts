import { describe, expect, it } from 'vitest'
import { dayPattern, parseTypedDay } from './dateText'

describe('typed days', () => {
  it('follows the order of the locale', () => {
    expect(dayPattern('fr')).toBe('DD/MM/YYYY')
    expect(dayPattern('en-GB')).toBe('DD/MM/YYYY')
    expect(dayPattern('en-US')).toBe('MM/DD/YYYY')
    expect(dayPattern('fr-CA')).toBe('YYYY-MM-DD')
  })

  it('reads a day in that order, or as the API writes it', () => {
    expect(parseTypedDay('06/12/2026', 'DD/MM/YYYY')).toBe('2026-12-06')
    expect(parseTypedDay('6/12/2026', 'DD/MM/YYYY')).toBe('2026-12-06')
    expect(parseTypedDay('12/06/2026', 'MM/DD/YYYY')).toBe('2026-12-06')
    expect(parseTypedDay('2026-12-06', 'DD/MM/YYYY')).toBe('2026-12-06')
    expect(parseTypedDay('2026-12-06', 'YYYY-MM-DD')).toBe('2026-12-06')
  })

  it('reads nothing until the day is real and the year whole', () => {
    expect(parseTypedDay('31/02/2026', 'DD/MM/YYYY')).toBeNull()
    expect(parseTypedDay('06/12/20', 'DD/MM/YYYY')).toBeNull()
    expect(parseTypedDay('06/12', 'DD/MM/YYYY')).toBeNull()
    expect(parseTypedDay('', 'DD/MM/YYYY')).toBeNull()
    expect(parseTypedDay('13/06/2026', 'MM/DD/YYYY')).toBeNull()
  })
})
