/**
 * Wall-clock times in a named IANA zone (a contract calendar's), not the browser's: a desk in Paris reads its
 * SLA in Paris time wherever the person editing the contract sits. Only Intl is used; no time-zone library.
 */

/** Whether the browser knows the zone (the server's list may be a little newer). */
export function isKnownZone(zone: string): boolean {
  if (zone.trim() === '') return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const pad = (value: number) => String(value).padStart(2, '0')

/** Year, month (1–12), day, hour (0–23), minute, second of an instant in a zone. */
function wallClock(zone: string, instant: number): number[] {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant))
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return [part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second')]
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(zone: string, instant: number): number {
  const seconds = Math.floor(instant / 1000) * 1000
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = wallClock(zone, seconds)
  return Date.UTC(year, month - 1, day, hour, minute, second) - seconds
}

/** "2034-06-09T08:46", as a date and time field writes it: the local time now in the zone. */
export function nowInZone(zone: string, now: Date = new Date()): string {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0] = wallClock(zone, now.getTime())
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`
}

// Seconds, and a fraction of them, when the field shows seconds ("08:46:12", or "08:46:12.000").
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/

/**
 * The instant at which the zone's clocks show a local date and time ("2034-06-09T08:46"), or null when the text
 * is not one. An hour skipped in spring is read with the offset before the change (02:30 in Paris on the day
 * clocks go forward is 03:30 summer time); a repeated autumn hour is its first occurrence, as the SLA engine reads it.
 */
export function zonedToInstant(local: string, zone: string): Date | null {
  const match = localPattern.exec(local)
  if (!match) return null
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[]
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, Number.isNaN(second) ? 0 : second!)
  // Two candidates, with the offsets of the hours around: the earlier one that shows this wall time wins.
  const before = asUtc - offsetAt(zone, asUtc - 86_400_000 / 2)
  const after = asUtc - offsetAt(zone, asUtc + 86_400_000 / 2)
  const candidates = [before, after].sort((a, b) => a - b).filter((instant) => instant + offsetAt(zone, instant) === asUtc)
  return new Date(candidates[0] ?? asUtc - offsetAt(zone, asUtc - 86_400_000 / 2))
}
