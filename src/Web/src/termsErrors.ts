import type { ContractTerms } from './hooks/contracts'

/**
 * Every place of the terms form that can show an error: each field, each row of a list, each list and each
 * section. A server error is shown at the deepest of these its JSON path falls under.
 */
export function termsFieldPaths(terms: ContractTerms): Set<string> {
  const paths = new Set([
    'startDate',
    'initialTermMonths',
    'renewalPeriodMonths',
    'noticeMonths',
    'prices',
    'prices.monthlyFee',
    'prices.workUnits',
    'revision',
    'revision.a',
    'revision.b',
    'revision.referenceMonth',
    'revision.anniversary',
    'calendar',
    'calendar.timeZone',
    'calendar.alwaysOpen',
    'calendar.weekly',
    'calendar.holidayPacks',
    'calendar.closedDays',
    'sla',
    'sla.targets',
    'sla.warningThresholds',
    'penalties',
    'penalties.perBreach',
    'penalties.monthlyFreeBreaches',
    'penalties.successRateTargets',
    'penalties.availabilityBands',
    'penalties.monthlyCapPercent',
    'penalties.annualCapPercent',
    'penalties.minimumTotal',
    'invoiceTolerance',
    'invoiceTolerance.amount',
    'invoiceTolerance.percent',
    'evolutionClause',
    'reversibilityClause',
  ])
  const rows = (list: string, count: number, fields: string[]) => {
    for (let index = 0; index < count; index++) {
      paths.add(`${list}[${index}]`)
      for (const field of fields) paths.add(`${list}[${index}].${field}`)
    }
  }
  rows('prices.workUnits', terms.prices.workUnits.length, ['code', 'label', 'unitPrice', 'countedOn'])
  rows('calendar.weekly', terms.calendar.weekly.length, ['day', 'open', 'close'])
  rows('calendar.closedDays', terms.calendar.closedDays.length, [])
  rows('sla.targets', terms.sla.targets.length, [
    'priority',
    'respond',
    'respond.value',
    'respond.unit',
    'respond.endOfWorkingDay',
    'resolve',
    'resolve.value',
    'resolve.unit',
    'resolve.endOfWorkingDay',
  ])
  rows('penalties.perBreach', terms.penalties.perBreach.length, ['priority', 'kind', 'amount', 'clock'])
  rows('penalties.successRateTargets', terms.penalties.successRateTargets.length, [
    'priority',
    'clock',
    'targetPercent',
    'creditPercentPerPoint',
    'maxCreditPercent',
  ])
  rows('penalties.availabilityBands', terms.penalties.availabilityBands.length, ['belowPercent', 'penaltyPercentOfFee'])
  return paths
}

/** "a.b[1].c" → "a.b[1]" → "a.b" → "a" → null. */
function parent(path: string): string | null {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['))
  return cut <= 0 ? null : path.slice(0, cut)
}

const clockKey = (priority: string, clock: string | null | undefined) => (clock ? `${priority}/${clock}` : priority)

/** The natural key of a row in the lists that have one, as the compare call names rows. */
const naturalKeys: Record<string, (terms: ContractTerms) => string[]> = {
  'sla.targets': (terms) => terms.sla.targets.map((target) => target.priority),
  // By priority and clock as the comparison names them: "P1/resolve", or "P1" for a rule covering both clocks.
  'penalties.perBreach': (terms) => terms.penalties.perBreach.map((rule) => clockKey(rule.priority, rule.clock)),
  'penalties.successRateTargets': (terms) => terms.penalties.successRateTargets.map((target) => clockKey(target.priority, target.clock)),
  'prices.workUnits': (terms) => terms.prices.workUnits.map((unit) => unit.code),
}

/**
 * A row may be named by its natural key rather than by position ("sla.targets[P1].resolve.value",
 * "prices.workUnits[UO-DEV].unitPrice"): brought back to the row with that key.
 */
function byPosition(path: string, terms: ContractTerms): string {
  return path.replace(/^([a-zA-Z.]+)\[([^\]]*[^\d\]][^\]]*)\]/, (whole, list: string, key: string) => {
    const index = naturalKeys[list]?.(terms).indexOf(key) ?? -1
    return index < 0 ? whole : `${list}[${index}]`
  })
}

/**
 * Places the errors of a 422 (paths relative to the terms) on the form: `placed` by form path, and what no
 * place of the form matches in `unplaced`, to be shown above the save button.
 */
export function placeTermsErrors(errors: Record<string, string>, terms: ContractTerms) {
  const known = termsFieldPaths(terms)
  const placed: Record<string, string> = {}
  const unplaced: Record<string, string> = {}
  for (const [rawPath, message] of Object.entries(errors)) {
    let path: string | null = byPosition(rawPath, terms)
    while (path !== null && !known.has(path)) path = parent(path)
    if (path === null) unplaced[rawPath] = message
    else placed[path] = [placed[path], message].filter(Boolean).join(' ')
  }
  return { placed, unplaced }
}
