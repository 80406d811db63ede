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
