import { describe, expect, it } from 'vitest'
import {
  calendarDay,
  daysUntil,
  decimalSeparator,
  formatAmount,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatMonth,
  formatMonthName,
  formatPercent,
  formatQuantity,
  formattingLocale,
} from './format'

describe('formats', () => {
  it('shows amounts in euros with cents in both languages', () => {
    expect(formatAmount(1234.5, 'en')).toBe('€1,234.50')
    expect(formatAmount(1234.5, 'fr').replace(/\s/g, ' ')).toBe('1 234,50 €')
    expect(formatAmount(0, 'fr').replace(/\s/g, ' ')).toBe('0,00 €')
  })

  it('shows an amount in another currency when an invoice states one', () => {
    expect(formatAmount(1234.5, 'en', 'CHF').replace(/\s/g, ' ')).toBe('CHF 1,234.50')
    expect(formatAmount(12, 'fr', 'EUR').replace(/\s/g, ' ')).toBe('12,00 €')
  })

  it('shows quantities with up to three decimals in both languages', () => {
    expect(formatQuantity(1234.5, 'en')).toBe('1,234.5')
    expect(formatQuantity(1234.5, 'fr').replace(/\s/g, ' ')).toBe('1 234,5')
    expect(formatQuantity(2, 'en')).toBe('2')
    expect(formatQuantity(0.12345, 'en')).toBe('0.123')
  })

  it('writes a day of the browser’s calendar as the API does', () => {
    expect(calendarDay(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05')
    expect(calendarDay(new Date(2026, 11, 31))).toBe('2026-12-31')
  })

  it('shows a calendar date as that day, whatever the browser’s zone', () => {
    expect(formatDate('2026-03-31', 'en')).toBe('Mar 31, 2026')
    expect(formatDate('2026-03-31', 'fr')).toBe('31 mars 2026')
  })

  it('names a month in both languages', () => {
    expect(formatMonth('2026-05', 'en')).toBe('May 2026')
    expect(formatMonth('2026-05', 'fr')).toBe('mai 2026')
    expect(formatMonth('May', 'en')).toBe('May')
  })

  it('names a month of any year, long or short', () => {
    expect(formatMonthName(1, 'en')).toBe('January')
    expect(formatMonthName(12, 'fr')).toBe('décembre')
    expect(formatMonthName(9, 'en', 'short')).toBe('Sep')
    expect(formatMonthName(2, 'fr', 'short')).toBe('févr.')
  })

  it('counts whole days to a calendar date', () => {
    const today = new Date(2026, 2, 30, 23, 30)
    expect(daysUntil('2026-03-31', today)).toBe(1)
    expect(daysUntil('2026-06-28', today)).toBe(90)
    expect(daysUntil('2026-03-01', today)).toBe(-29)
  })

  it('shows file sizes in readable units', () => {
    expect(formatFileSize(850, 'en')).toBe('850 bytes')
    expect(formatFileSize(1536, 'fr').replace(/\s/g, ' ')).toBe('1,5 ko')
    expect(formatFileSize(1536, 'en')).toBe('1.5 kB')
    expect(formatFileSize(10 * 1024 * 1024, 'en')).toBe('10 MB')
  })

  it('formats in the browser’s own locale when it speaks the app’s language, never in another language’s', () => {
    expect(formattingLocale('en', ['en-GB', 'en-US'])).toBe('en-GB')
    expect(formattingLocale('en', ['fr-FR', 'en-US'])).toBe('en-US')
    expect(formattingLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA')
    expect(formattingLocale('fr', ['fr-be'])).toBe('fr-BE')
    expect(formattingLocale('en', ['fr-FR', 'de-DE'])).toBe('en')
    expect(formattingLocale('fr', [])).toBe('fr')
  })

  it('writes a British date day first and in 24 hours, an American one month first and in 12 hours', () => {
    const at = new Date(2026, 11, 6, 21, 13).toISOString()
    expect(formatDateTime(at, 'en-GB')).toBe('6 Dec 2026, 21:13')
    expect(formatDateTime(at, 'en-US').replace(/\s/g, ' ')).toBe('Dec 6, 2026, 9:13 PM')
    expect(formatDateTime(at, 'fr-FR')).toBe('6 déc. 2026, 21:13')
    expect(formatDate('2026-12-06', 'en-GB')).toBe('6 Dec 2026')
    expect(formatDate('2026-12-06', 'fr-CA')).toBe('6 déc. 2026')
  })

  it('writes percentages and decimals as each locale does', () => {
    expect(formatPercent(0, 'en')).toBe('0.00%')
    expect(formatPercent(0, 'en-GB')).toBe('0.00%')
    expect(formatPercent(0, 'fr').replace(/\s/g, ' ')).toBe('0,00 %')
    expect(decimalSeparator('en-GB')).toBe('.')
    expect(decimalSeparator('fr-CA')).toBe(',')
    expect(decimalSeparator('fr')).toBe(',')
  })
})
