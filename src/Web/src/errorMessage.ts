import type { TFunction } from 'i18next'
import { ApiError } from './api'

/** The message to show for a failed call: the problem's own words when the server gave some. */
export function errorMessage(error: Error, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected')
  if (error.status === 0) return t('errors.network')
  if (error.problem?.detail) return error.problem.detail
  if (error.status === 403) return t('errors.forbidden')
  if (error.problem?.title) return error.problem.title
  return t('errors.unexpected')
}
