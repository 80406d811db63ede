import { tenantStore } from './tenant'

/** RFC 7807 problem details, as every service and the gateway answer errors. */
export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  errors?: Record<string, string[]>
  /** Stable code of the problem (and of each field's error, at the same positions as `errors`). */
  code?: string
  parameters?: Record<string, unknown>
  errorCodes?: Record<string, { code: string; parameters: Record<string, unknown> }[]>
}

export class ApiError extends Error {
  /** 0 when the server could not be reached at all. */
  readonly status: number
  readonly problem: ProblemDetails | null
  /** From the Retry-After header of a 429, in seconds. */
  readonly retryAfterSeconds: number | null

  constructor(status: number, problem: ProblemDetails | null, retryAfterSeconds: number | null = null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
    this.retryAfterSeconds = retryAfterSeconds
  }

  /** One message per field, keyed by the form's field name. */
  get fieldErrors(): Record<string, string> {
    return fieldErrors(this.problem)
  }
}

/**
 * Problem details name fields in camelCase, but validation libraries may prefix a JSON path ("$.email") or
 * point inside a collection ("roles[0]"): both are brought back to the form field they belong to.
 */
export function fieldErrors(problem: ProblemDetails | null): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
    const name = key.replace(/^\$\./, '').split(/[.[]/)[0] ?? ''
    if (name === '' || messages.length === 0) continue
    const field = name.charAt(0).toLowerCase() + name.slice(1)
    result[field] = [result[field], ...messages].filter(Boolean).join(' ')
  }
  return result
}

/**
 * Errors of a form over a nested object (a contract's terms), keyed by the whole JSON path of the field
 * ("calendar.weekly[1].open"): each segment in camelCase, without "$." and without `root` when the server
 * names the object the form edits ("terms.prices.monthlyFee" → "prices.monthlyFee").
 */
export function pathErrors(problem: ProblemDetails | null, root?: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
    let path = key
      .replace(/^\$\.?/, '')
      .split('.')
      .map((segment) => segment.charAt(0).toLowerCase() + segment.slice(1))
      .join('.')
    if (root !== undefined && path.startsWith(`${root}.`)) path = path.slice(root.length + 1)
    if (messages.length === 0) continue
    result[path] = [result[path], ...messages].filter(Boolean).join(' ')
  }
  return result
}

/**
 * Splits a failed form submission into messages to show under the form's own fields and, when the problem
 * is about anything else (or names no field), the error to show above the buttons. `byField` reads the
 * problem's errors into the form's field names: by top-level field, or by whole path for nested fields.
 */
export function formFailure(error: unknown, fields: readonly string[], byField: (problem: ProblemDetails | null) => Record<string, string> = fieldErrors) {
  const errors = error instanceof ApiError ? byField(error.problem) : {}
  const names = Object.keys(errors)
  const elsewhere = names.length === 0 || names.some((name) => !fields.includes(name))
  return { errors, failure: elsewhere ? (error instanceof Error ? error : new Error(String(error))) : null }
}

export function parseRetryAfter(value: string | null, now: Date = new Date()): number | null {
  if (value === null || value.trim() === '') return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000))
}

async function readProblem(response: Response): Promise<ProblemDetails | null> {
  try {
    const body: unknown = await response.json()
    return typeof body === 'object' && body !== null ? (body as ProblemDetails) : null
  } catch {
    return null
  }
}

let onUnauthorized: () => void = () => {}

/** Called when an /api call answers 401: the gateway's session is over. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A JSON body, or a multipart form (file uploads) whose boundary the browser sets itself. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' })
  // The services answer in the interface's language, which the i18n set-up keeps on the document.
  if (document.documentElement.lang) headers.set('Accept-Language', document.documentElement.lang)
  const multipart = body instanceof FormData
  if (body !== undefined && !multipart) headers.set('Content-Type', 'application/json')
  // The gateway rejects mutating calls without this header: a cross-site form cannot set it.
  if (method !== 'GET') headers.set('X-CSRF', '1')
  const tenantId = tenantStore.get()
  if (tenantId !== null && path.startsWith('/api/')) headers.set('X-Tenant-Id', tenantId)

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, null)
  }

  if (!response.ok) {
    const problem = await readProblem(response)
    if (response.status === 401 && path.startsWith('/api/')) onUnauthorized()
    throw new ApiError(response.status, problem, parseRetryAfter(response.headers.get('Retry-After')))
  }
  const text = await response.text()
  return (text === '' ? undefined : JSON.parse(text)) as T
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Sends one file as the multipart field `file`. */
  upload: <T>(path: string, file: File) => {
    const form = new FormData()
    form.append('file', file)
    return request<T>('POST', path, form)
  },
}
