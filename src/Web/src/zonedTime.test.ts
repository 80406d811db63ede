import { describe, expect, it } from 'vitest'
import { isKnownZone, nowInZone, zonedToInstant } from './zonedTime'

describe('wall-clock times in a named zone', () => {
  it('reads a local time in the zone, whatever the browser’s zone', () => {
    expect(zonedToInstant('2034-06-09T08:46', 'Europe/Paris')?.toISOString()).toBe('2034-06-09T06:46:00.000Z')
    expect(zonedToInstant('2034-06-09T08:46:12', 'Europe/Paris')?.toISOString()).toBe('2034-06-09T06:46:12.000Z')
    expect(zonedToInstant('2034-06-09T08:46:12.000', 'Europe/Paris')?.toISOString()).toBe('2034-06-09T06:46:12.000Z')
    expect(zonedToInstant('2034-01-09T08:46', 'Europe/Paris')?.toISOString()).toBe('2034-01-09T07:46:00.000Z')
    expect(zonedToInstant('2034-03-12T01:30', 'America/New_York')?.toISOString()).toBe('2034-03-12T06:30:00.000Z')
    expect(zonedToInstant('2034-06-09T08:46', 'Asia/Kolkata')?.toISOString()).toBe('2034-06-09T03:16:00.000Z')
  })

  it('reads a repeated autumn hour as its first occurrence and a skipped spring hour with the winter offset', () => {
    expect(zonedToInstant('2034-10-29T02:30', 'Europe/Paris')?.toISOString()).toBe('2034-10-29T00:30:00.000Z')
    expect(zonedToInstant('2034-03-26T02:30', 'Europe/Paris')?.toISOString()).toBe('2034-03-26T01:30:00.000Z')
  })

  it('refuses what is not a date and time', () => {
    expect(zonedToInstant('', 'Europe/Paris')).toBeNull()
    expect(zonedToInstant('2034-06-09', 'Europe/Paris')).toBeNull()
  })

  it('writes now as the zone’s clocks show it, for a datetime-local input', () => {
    expect(nowInZone('Europe/Paris', new Date('2034-06-09T22:30:59Z'))).toBe('2034-06-10T00:30')
    expect(nowInZone('America/New_York', new Date('2034-06-09T22:30:59Z'))).toBe('2034-06-09T18:30')
  })

  it('knows the zones the browser knows', () => {
    expect(isKnownZone('Europe/Paris')).toBe(true)
    expect(isKnownZone('Mars/Olympus')).toBe(false)
    expect(isKnownZone('')).toBe(false)
  })
})
