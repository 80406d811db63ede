import { useState } from 'react'
import { fieldErrors, formFailure, type ProblemDetails } from '../api'

/**
 * The feedback of a form: messages under its fields (from its own checks or from the server's 422) and, for a
 * problem about anything else, the error to show above its buttons. A form whose fields are paths ("monthly.3")
 * reads the server's errors with `pathErrors` rather than by top-level field.
 */
export function useFormFeedback(fields: readonly string[], byField: (problem: ProblemDetails | null) => Record<string, string> = fieldErrors) {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)
  return {
    errors,
    failure,
    /** Shows the form's own checks; true when there is nothing to correct and the form may be sent. */
    check(missing: Record<string, string>): boolean {
      setErrors(missing)
      setFailure(null)
      return Object.keys(missing).length === 0
    },
    fail(error: unknown) {
      const outcome = formFailure(error, fields, byField)
      setErrors(outcome.errors)
      setFailure(outcome.failure)
    },
  }
}
