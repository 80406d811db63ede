import { describe, expect, it } from 'vitest'
import en from './locales/en.json'
import fr from './locales/fr.json'
import i18n from './i18n'
import { describeTermsChange, termsFieldLabels } from './termsFields'

const has = (bundle: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], bundle) !== undefined
const plain = (value: string | null) => value?.replace(/\s/g, ' ') ?? null

function read(language: 'en' | 'fr', field: string, before: string | null, after: string | null) {
  const change = describeTermsChange({ field, before, after }, i18n.getFixedT(language), language)
  return [change.field, plain(change.before), plain(change.after)]
}

describe('terms changes as people read them', () => {
  it('names each field by the editor’s label in both languages', () => {
    for (const key of termsFieldLabels) {
      expect(has(en, key), `en: ${key}`).toBe(true)
      expect(has(fr, key), `fr: ${key}`).toBe(true)
    }
  })

  it('shows the monthly fee as euros in the reader’s language', () => {
    expect(read('fr', 'prices.monthlyFee', '12500', '13200')).toEqual(['Redevance mensuelle', '12 500,00 €', '13 200,00 €'])
    expect(read('en', 'prices.monthlyFee', '12500', '13200.5')).toEqual(['Monthly fee', '€12,500.00', '€13,200.50'])
  })

  it('names a list entry by its key and formats its field', () => {
    expect(read('fr', 'prices.workUnits[UO-INT].unitPrice', null, '38')).toEqual(['Unités d’œuvre UO-INT : Prix unitaire', null, '38,00 €'])
    expect(read('en', 'penalties.successRateTargets[P1/resolve].targetPercent', '95', '97.5')).toEqual([
      'Success-rate targets P1 · Resolution: Target',
      '95.00%',
      '97.50%',
    ])
    expect(read('fr', 'sla.targets[P2].respond.unit', 'hours', 'businessDays')).toEqual(['Objectifs par priorité P2 : Unité de Prise en compte', 'heures', 'jours ouvrés'])
    expect(read('en', 'penalties.availabilityBands[99.5].penaltyPercentOfFee', '5', '10')[0]).toBe('Availability bands < 99.50%: Penalty (% of the fee)')
  })

  it('reads durations, dates, switches and opening hours', () => {
    expect(read('fr', 'noticeMonths', '3', '1')).toEqual(['Préavis', '3 mois', '1 mois'])
    expect(read('en', 'startDate', '2026-01-01', '2026-02-01')).toEqual(['Start date', 'Jan 1, 2026', 'Feb 1, 2026'])
    expect(read('fr', 'calendar.alwaysOpen', 'false', 'true')).toEqual(['Ouvert en permanence (24×7)', 'Non', 'Oui'])
    expect(read('fr', 'calendar.weekly', 'monday 08:00–12:00', null)).toEqual(['Horaires d’ouverture', 'Lundi 08:00–12:00', null])
  })

  it('shows a field it does not know as it is', () => {
    expect(read('en', 'something.new', 'a', 'b')).toEqual(['something.new', 'a', 'b'])
  })
})
