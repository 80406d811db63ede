import { describe, expect, it } from 'vitest'
import { daysUntil, formatAmount, formatDate, formatFileSize, formatMonth } from './format'

describe('formats', () => {
  it('shows amounts in euros with cents in both languages', () => {
    expect(formatAmount(1234.5, 'en')).toBe('€1,234.50')
    expect(formatAmount(1234.5, 'fr').replace(/\s/g, ' ')).toBe('1 234,50 €')
    expect(formatAmount(0, 'fr').replace(/\s/g, ' ')).toBe('0,00 €')
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
})
