import type { TFunction } from 'i18next'

/**
 * How a locale writes a day with digits, as a dayjs pattern: "DD/MM/YYYY" in French and British English,
 * "MM/DD/YYYY" in American English, "YYYY-MM-DD" in Canadian French.
 */
export function dayPattern(locale: string): string {
  const tokens: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = { day: 'DD', month: 'MM', year: 'YYYY' }
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' })
    .formatToParts(new Date(2026, 11, 6))
    .map((part) => tokens[part.type] ?? part.value.replace(/[A-Za-z]/g, ''))
    .join('')
}

/** A day's pattern as its placeholder in the app's language ("JJ/MM/AAAA" in French). */
export function dayPlaceholder(pattern: string, language: string): string {
  return language === 'fr' ? pattern.replace(/D/g, 'J').replace(/Y/g, 'A') : pattern
}

/**
 * A day typed in the order of the pattern ("6/12/2026" for "DD/MM/YYYY"), or as the API writes it ("2026-12-06"),
 * as the API writes it; null until it names a real day with a four-digit year.
 */
export function parseTypedDay(text: string, pattern: string): string | null {
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text)
  const numbers = iso ? [iso[1], iso[2], iso[3]] : text.trim().split(/\D+/)
  const order = iso ? ['YYYY', 'MM', 'DD'] : (pattern.match(/YYYY|MM|DD/g) ?? [])
  if (numbers.length !== 3 || order.length !== 3) return null
  const at = (token: string) => numbers[order.indexOf(token)] ?? ''
  if (!/^\d{4}$/.test(at('YYYY')) || !/^\d{1,2}$/.test(at('MM')) || !/^\d{1,2}$/.test(at('DD'))) return null
  const [year, month, day] = [Number(at('YYYY')), Number(at('MM')), Number(at('DD'))]
  const date = new Date(year, month - 1, day)
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Whether a locale writes hours on a 12-hour clock with AM and PM (American English) or from 0 to 23. */
export function usesTwelveHours(locale: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle
  return cycle === 'h11' || cycle === 'h12'
}

const typedTime = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([ap])\.?m\.?)?$/i

/**
 * A day and a time typed as the pattern writes the day, then the time on 24 hours or with AM / PM ("9/6/2034 8:46"
 * for "DD/MM/YYYY", "6/9/2034 8:46 PM" for "MM/DD/YYYY"), or as the API writes them ("2034-06-09T08:46:12"), as
 * dayjs writes them ("2034-06-09 08:46:12"); null until both are complete and real.
 */
export function parseTypedDateTime(text: string, pattern: string): string | null {
  const split = /^([^\sT,]+)[\sT,]+(.+)$/.exec(text.trim())
  const day = split ? parseTypedDay(split[1]!, pattern) : null
  const time = split ? typedTime.exec(split[2]!.trim()) : null
  if (day === null || time === null) return null
  const half = time[4]?.toLowerCase()
  let hours = Number(time[1])
  const [minutes, seconds] = [Number(time[2]), Number(time[3] ?? 0)]
  if (half !== undefined) {
    if (hours < 1 || hours > 12) return null
    hours = (hours % 12) + (half === 'p' ? 12 : 0)
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return null
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${day} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`
}

/** The names of a calendar's arrows and headings, for whoever cannot see them. */
export function calendarLabels(t: TFunction) {
  return {
    previousMonth: t('common.previousMonth'),
    nextMonth: t('common.nextMonth'),
    previousYear: t('common.previousYear'),
    nextYear: t('common.nextYear'),
    previousDecade: t('common.previousYears'),
    nextDecade: t('common.nextYears'),
    monthLevelControl: t('common.chooseMonth'),
    yearLevelControl: t('common.chooseYear'),
  }
}
