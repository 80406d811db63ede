import type { LineAction, Statement, StatementLine, StatementSummary } from './hooks/statements'

interface Caller {
  roles: readonly string[]
  organisation: { kind: 'client' | 'provider' | 'platform' }
}

/**
 * The month a statement is opened at: last month, the one about to be issued, when the contract has one; the list
 * starts with the current month, still running, so that is the second. A month asked for (in the address) wins
 * when the contract has it.
 */
export function selectedMonth(months: readonly StatementSummary[], requested: string | null): string | null {
  if (requested !== null && months.some((summary) => summary.month === requested)) return requested
  return (months[1] ?? months[0])?.month ?? null
}

/**
 * What a caller may do on a line, as the Invoicing API allows it: only on a draft, only on a line that costs
 * something (not free, not zero). The client's contract manager (that role, not the tenant's administrator) waives
 * a line, or answers a contest, upholding or waiving it; the provider's account manager contests a line nobody has
 * decided on yet. A contested line is answered rather than waived outright, so that the contest gets its answer.
 */
export function lineActions(statement: Pick<Statement, 'status'>, line: StatementLine, user: Caller): LineAction[] {
  if (statement.status !== 'draft' || line.detail.free || line.detail.amount === 0) return []
  const status = line.decision?.status ?? null
  if (user.organisation.kind === 'client' && user.roles.includes('ContractManager')) {
    if (status === 'contested') return ['answer']
    return line.waived || status === 'waived' ? [] : ['waive']
  }
  if (user.organisation.kind === 'provider' && user.roles.includes('AccountManager')) {
    return status === null && !line.waived ? ['contest'] : []
  }
  return []
}
