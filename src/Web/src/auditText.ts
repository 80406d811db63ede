import type { TFunction } from 'i18next'
import en from './locales/en.json'
import { formatDate, formatDateTime } from './format'
import type { FieldChange } from './hooks/contracts'
import { describeTermsChange } from './termsFields'

/** Every action code a trail records, as the translations list them (`contract.phase-changed`). */
export const auditActions: string[] = (function flatten(node: object, prefix: string): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value as object, `${prefix}${key}.`),
  )
})(en.audit.actions, '')

const administration = ['organisation.', 'user.', 'service-account.', 'signing-key.']

/** The actions of one trail: the administration's (organisations, users, keys) or a contract's. */
export function actionsOf(trail: 'administration' | 'contract'): string[] {
  return auditActions.filter((code) => administration.some((prefix) => code.startsWith(prefix)) === (trail === 'administration'))
}

/** What an entry did, as a sentence; a code this application does not know yet is shown as it is. */
export function actionSentence(code: string, t: TFunction): string {
  return t(`audit.actions.${code}`, { defaultValue: t('audit.unknownAction', { code }) })
}

const instant = /^\d{4}-\d{2}-\d{2}T/
const day = /^\d{4}-\d{2}-\d{2}$/

/**
 * One change of an entry as people read it: a version's terms by the terms' labels and formats; otherwise the field
 * by its label where it has one, phases, statuses, roles and languages by their names, dates in the language.
 */
export function describeAuditChange(change: FieldChange, action: string, t: TFunction, language: string): FieldChange {
  if (action === 'version.terms-changed') return describeTermsChange(change, t, language)
  const field = change.field
  const label = t(`audit.fields.${field}`, { defaultValue: t(`fields.${field}`, { defaultValue: field }) })
  const show = (value: string | null): string | null => {
    if (value === null) return null
    if (field === 'phase') return t(`contracts.phases.${value}`, { defaultValue: value })
    if (field === 'status' && action.startsWith('user.')) return t(`users.statuses.${value}`, { defaultValue: value })
    if (field === 'language') return t(`language.names.${value}`, { defaultValue: value })
    if (field === 'roles') {
      try {
        const roles: unknown = JSON.parse(value)
        if (Array.isArray(roles)) return roles.map((role) => t(`roles.${String(role)}`, { defaultValue: String(role) })).join(', ')
      } catch {
        return value
      }
    }
    if (instant.test(value)) return formatDateTime(value, language)
    if (day.test(value)) return formatDate(value, language)
    return value
  }
  return { field: label, before: show(change.before), after: show(change.after) }
}
