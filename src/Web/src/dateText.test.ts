import { describe, expect, it } from 'vitest'
import { dayPattern, parseTypedDateTime, parseTypedDay, usesTwelveHours } from './dateText'

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

describe('typed days and times', () => {
  it('reads the day in the locale’s order and the time on 24 hours', () => {
    expect(parseTypedDateTime('09/06/2034 08:46', 'DD/MM/YYYY')).toBe('2034-06-09 08:46:00')
    expect(parseTypedDateTime('9/6/2034 8:46:12', 'DD/MM/YYYY')).toBe('2034-06-09 08:46:12')
    expect(parseTypedDateTime('06/09/2034, 08:46', 'MM/DD/YYYY')).toBe('2034-06-09 08:46:00')
    expect(parseTypedDateTime('2034-06-09T08:46:12.000', 'DD/MM/YYYY')).toBe('2034-06-09 08:46:12')
    expect(parseTypedDateTime('06/09/2034 8:46 PM', 'MM/DD/YYYY')).toBe('2034-06-09 20:46:00')
    expect(parseTypedDateTime('06/09/2034 12:05 am', 'MM/DD/YYYY')).toBe('2034-06-09 00:05:00')
  })

  it('reads nothing until both are complete and real', () => {
    expect(parseTypedDateTime('09/06/2034', 'DD/MM/YYYY')).toBeNull()
    expect(parseTypedDateTime('09/06/2034 08', 'DD/MM/YYYY')).toBeNull()
    expect(parseTypedDateTime('09/06/2034 24:00', 'DD/MM/YYYY')).toBeNull()
    expect(parseTypedDateTime('31/06/2034 08:46', 'DD/MM/YYYY')).toBeNull()
    expect(parseTypedDateTime('06/09/2034 13:05 PM', 'MM/DD/YYYY')).toBeNull()
  })

  it('knows which locales count hours to twelve', () => {
    expect(usesTwelveHours('en-US')).toBe(true)
    expect(usesTwelveHours('en-GB')).toBe(false)
    expect(usesTwelveHours('fr')).toBe(false)
  })
})
