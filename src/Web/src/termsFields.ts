import type { ParseKeys, TFunction } from 'i18next'
import { formatAmount, formatDate, formatMonth, formatPercent, formatQuantity } from './format'
import { holidayPackKey, holidayPacks, type FieldChange, type HolidayPack } from './hooks/contracts'

/** A label: a key, or a key naming another (the "respond" of "{{which}} time"). */
type Label = ParseKeys | [ParseKeys, ParseKeys]

type Kind = 'date' | 'month' | 'months' | 'amount' | 'percent' | 'number' | 'boolean' | 'text' | 'interval' | 'holidayPack' | 'countedOn' | 'penaltyKind' | 'unit'

/**
 * The terms' fields as the comparison and the audit trail name them (JSON paths, list entries by their key:
 * "prices.workUnits[UO-INT].unitPrice"), each with the label the terms editor shows and how its values read.
 */
const leaves: Record<string, [label: Label, kind: Kind]> = {
  startDate: ['terms.startDate', 'date'],
  initialTermMonths: ['terms.initialTermMonths', 'months'],
  renewalPeriodMonths: ['terms.renewalPeriodMonths', 'months'],
  noticeMonths: ['terms.noticeMonths', 'months'],
  'prices.monthlyFee': ['terms.monthlyFee', 'amount'],
  'revision.index': ['terms.revisionIndex', 'text'],
  'revision.a': ['terms.revisionA', 'number'],
  'revision.b': ['terms.revisionB', 'number'],
  'revision.referenceMonth': ['terms.referenceMonth', 'month'],
  'revision.anniversary': ['terms.anniversary', 'date'],
  'calendar.timeZone': ['terms.timeZone', 'text'],
  'calendar.alwaysOpen': ['terms.alwaysOpen', 'boolean'],
  'calendar.weekly': ['terms.weekly', 'interval'],
  'calendar.holidayPacks': ['terms.holidayPacks', 'holidayPack'],
  'calendar.closedDays': ['terms.closedDays', 'date'],
  'sla.warningThresholds': ['terms.warningThresholds', 'percent'],
  'penalties.monthlyFreeBreaches': ['terms.monthlyFreeBreaches', 'number'],
  'penalties.monthlyCapPercent': ['terms.monthlyCapPercent', 'percent'],
  'penalties.annualCapPercent': ['terms.annualCapPercent', 'percent'],
  'penalties.minimumTotal': ['terms.minimumTotal', 'amount'],
  'invoiceTolerance.amount': ['terms.toleranceAmount', 'amount'],
  'invoiceTolerance.percent': ['terms.tolerancePercent', 'percent'],
  evolutionClause: ['terms.evolutionClause', 'text'],
  reversibilityClause: ['terms.reversibilityClause', 'text'],
}

/** Lists whose entries are named by a key: the list's label, and each field of an entry. */
const lists: Record<string, { label: ParseKeys; fields: Record<string, [label: Label, kind: Kind]> }> = {
  'prices.workUnits': {
    label: 'terms.workUnits',
    fields: { label: ['terms.workUnitLabel', 'text'], unitPrice: ['terms.unitPrice', 'amount'], countedOn: ['terms.countedOn', 'countedOn'] },
  },
  'sla.targets': {
    label: 'terms.slaTargets',
    fields: Object.fromEntries(
      (['respond', 'resolve'] as const).flatMap((clock): [string, [Label, Kind]][] => [
        [`${clock}.value`, [['terms.editor.durationValue', `terms.${clock}`], 'number']],
        [`${clock}.unit`, [['terms.editor.durationUnit', `terms.${clock}`], 'unit']],
        [`${clock}.endOfWorkingDay`, [['terms.editor.endOfWorkingDayOf', `terms.${clock}`], 'boolean']],
      ]),
    ),
  },
  'penalties.perBreach': {
    label: 'terms.perBreach',
    fields: { kind: ['terms.penaltyKind', 'penaltyKind'], amount: ['terms.amount', 'number'] },
  },
  'penalties.availabilityBands': {
    label: 'terms.availabilityBands',
    fields: { penaltyPercentOfFee: ['terms.penaltyPercentOfFee', 'percent'] },
  },
  'penalties.successRateTargets': {
    label: 'terms.successRateTargets',
    fields: {
      targetPercent: ['terms.targetPercent', 'percent'],
      creditPercentPerPoint: ['terms.creditPercentPerPoint', 'percent'],
      maxCreditPercent: ['terms.maxCreditPercent', 'percent'],
    },
  },
}

const entry = /^(.+?)\[([^\]]*)\](?:\.(.+))?$/

function label(t: TFunction, key: Label): string {
  return Array.isArray(key) ? t(key[0], { which: t(key[1]) }) : t(key)
}

/** An entry's key as people read it: a priority with its clock ("P1 · Resolution"), a band's threshold as a percentage. */
function entryKey(list: string, key: string, t: TFunction, language: string): string {
  if (list === 'penalties.availabilityBands' && key !== '' && !Number.isNaN(Number(key))) return `< ${formatPercent(Number(key), language)}`
  const [priority, clock] = key.split('/')
  return clock ? `${priority} · ${t(`terms.clocks.${clock}`, { defaultValue: clock })}` : key
}

function formatValue(value: string, kind: Kind, t: TFunction, language: string): string {
  const number = Number(value)
  const numeric = value.trim() !== '' && !Number.isNaN(number)
  switch (kind) {
    case 'date':
      return formatDate(value, language)
    case 'month':
      return formatMonth(value, language)
    case 'months':
      return numeric ? t('terms.months', { count: number }) : value
    case 'amount':
      return numeric ? formatAmount(number, language) : value
    case 'percent':
      return numeric ? formatPercent(number, language) : value
    case 'number':
      return numeric ? formatQuantity(number, language) : value
    case 'boolean':
      return value === 'true' ? t('changes.yes') : value === 'false' ? t('changes.no') : value
    case 'interval': {
      const match = /^(\S+) (\S+)–(\S+)$/.exec(value)
      if (!match) return value
      const [, day = '', open, close] = match
      return t('changes.interval', { day: t(`terms.days.${day}`, { defaultValue: day }), open, close })
    }
    case 'holidayPack':
      return holidayPacks.includes(value as HolidayPack) ? t(`terms.packs.${holidayPackKey(value as HolidayPack)}`) : value
    case 'countedOn':
      return t(`inventory.types.${value}`, { defaultValue: value })
    case 'penaltyKind':
      return t(`terms.penaltyKinds.${value}`, { defaultValue: value })
    case 'unit':
      return t(`terms.units.${value}`, { defaultValue: value })
    default:
      return value
  }
}

/**
 * One change of the terms as people read it: the field by its label, the values formatted in the language
 * (amounts in euros, percentages, durations, dates). A path this list does not know is shown as it is.
 */
export function describeTermsChange(change: FieldChange, t: TFunction, language: string): FieldChange {
  let field = change.field
  let kind: Kind = 'text'
  const leaf = leaves[change.field]
  const [, list = '', key = '', name] = entry.exec(change.field) ?? []
  const known = lists[list]?.fields[name ?? '']
  if (leaf) {
    field = label(t, leaf[0])
    kind = leaf[1]
  } else if (known) {
    field = t('changes.item', { list: t(lists[list]!.label), key: entryKey(list, key, t, language), field: label(t, known[0]) })
    kind = known[1]
  }
  const show = (value: string | null) => (value === null ? null : formatValue(value, kind, t, language))
  return { field, before: show(change.before), after: show(change.after) }
}

/** Every field path the comparison names, for the test that each has a label in both languages. */
export const termsFieldLabels: string[] = [
  ...Object.values(leaves).flatMap(([key]) => key),
  ...Object.values(lists).flatMap((list) => [list.label, ...Object.values(list.fields).flatMap(([key]) => key)]),
]
