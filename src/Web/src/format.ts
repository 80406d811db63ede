import { useTranslation } from 'react-i18next'

/**
 * The locale dates and numbers are written in: the browser's own locale when it speaks the app's language (en-GB
 * writes 06/12/2026 and 24h, fr-CA 2026-12-06), the first such of its preferred ones; else the app's language bare.
 * Never a locale of another language: an English screen in a French browser stays English.
 */
export function formattingLocale(appLanguage: string, browserLanguages: readonly string[] = navigator.languages ?? []): string {
  const languageOf = (locale: string) => locale.split('-', 1)[0]?.toLowerCase() ?? ''
  const language = languageOf(appLanguage)
  const spoken = browserLanguages.find((locale) => languageOf(locale) === language)
  if (!spoken) return language
  try {
    return Intl.getCanonicalLocales(spoken)[0] ?? language
  } catch {
    return language
  }
}

export function useFormattingLocale(): string {
  const { i18n } = useTranslation()
  return formattingLocale(i18n.language)
}

/** Dates from the API are UTC instants; they are shown in the browser's time zone, in the current language. */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function useFormatDateTime() {
  const locale = useFormattingLocale()
  return (iso: string) => formatDateTime(iso, locale)
}

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A calendar date ("2026-03-31", a contract's start or notice deadline) is the same day everywhere: it is read
 * as that day, never as UTC midnight shifted into the browser's zone. An instant is shown as its day here.
 */
export function parseDate(value: string): Date {
  const match = calendarDate.exec(value)
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : new Date(value)
}

export function formatDate(value: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(parseDate(value))
}

export function useFormatDate() {
  const locale = useFormattingLocale()
  return (value: string) => formatDate(value, locale)
}

const yearMonth = /^(\d{4})-(\d{2})$/

/** A month ("2026-05", a statement's) as people name it: "May 2026", "mai 2026"; anything else as written. */
export function formatMonth(value: string, language: string): string {
  const match = yearMonth.exec(value)
  if (!match) return value
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric' }).format(new Date(Number(match[1]), Number(match[2]) - 1, 1))
}

export function useFormatMonth() {
  const locale = useFormattingLocale()
  return (value: string) => formatMonth(value, locale)
}

/** Whole days from today (in the browser's zone) to a calendar date; negative once it has passed. */
export function daysUntil(value: string, today: Date = new Date()): number {
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate())
  return Math.round((parseDate(value).getTime() - start.getTime()) / 86_400_000)
}

/**
 * Amounts are euros with cents, whatever the language ("1 234,50 €", "€1,234.50"); an invoice states its own currency
 * (ISO 4217), shown the same way.
 */
export function formatAmount(amount: number, language: string, currency = 'EUR'): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 2 }).format(amount)
}

export function useFormatAmount() {
  const locale = useFormattingLocale()
  return (amount: number, currency?: string) => formatAmount(amount, locale, currency)
}

/** The decimal separator of a locale: "," in French, "." in English. */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.'
}

/** A quantity as the language writes it, with up to three decimals ("1,234.5", "1 234,5"). */
export function formatQuantity(quantity: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 3 }).format(quantity)
}

export function useFormatQuantity() {
  const locale = useFormattingLocale()
  return (quantity: number) => formatQuantity(quantity, locale)
}

/** File sizes in the units people read ("850 bytes", "1.2 MB"), in the current language. */
export function formatFileSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    // "850 bytes" reads better than "850 byte"; larger units are abbreviated ("1.5 kB", "1,5 ko").
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value)
}

export function useFormatFileSize() {
  const locale = useFormattingLocale()
  return (bytes: number) => formatFileSize(bytes, locale)
}

/** A day of the browser's calendar as the API writes calendar dates: "2026-05-31". */
export function calendarDay(date: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** A month of a year by its name alone ("January", "janvier"), or short ("Jan", "janv.") where space is tight. */
export function formatMonthName(month: number, language: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(language, { month: width }).format(new Date(2000, month - 1, 1))
}

export function useFormatMonthName() {
  const locale = useFormattingLocale()
  return (month: number, width: 'long' | 'short' = 'long') => formatMonthName(month, locale, width)
}

/** A rate in percent to the hundredth as the language writes it ("95.50%", "95,50 %"). */
export function formatPercent(percent: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(percent / 100)
}

export function useFormatPercent() {
  const locale = useFormattingLocale()
  return (percent: number) => formatPercent(percent, locale)
}
