import type { Discrepancy, Invoice, InvoiceStatus } from './hooks/invoices'

interface Caller {
  roles: readonly string[]
  organisation: { kind: 'client' | 'provider' | 'platform' }
}

export type InvoiceAction = 'approve' | 'dispute' | 'markPaid'

/** The client's contract manager (that role, not the tenant's administrator) decides on the provider's invoices. */
export function decidesInvoices(user: Caller): boolean {
  return user.organisation.kind === 'client' && user.roles.includes('ContractManager')
}

/** The provider's account manager sends the contract's invoices, credit notes and corrected invoices. */
export function sendsInvoices(user: Caller): boolean {
  return user.organisation.kind === 'provider' && user.roles.includes('AccountManager')
}

/** A controlled invoice, or a disputed one answered by a credit note and controlled again, awaits the client's decision. */
const awaitingDecision: readonly InvoiceStatus[] = ['controlled', 'answered']

/**
 * What the caller may do on an invoice, as the Invoicing API allows it: the client's contract manager approves or
 * disputes an invoice awaiting a decision and records the payment of an approved one.
 */
export function invoiceActions(invoice: Pick<Invoice, 'status'>, user: Caller): InvoiceAction[] {
  if (!decidesInvoices(user)) return []
  if (awaitingDecision.includes(invoice.status)) return ['approve', 'dispute']
  return invoice.status === 'approved' ? ['markPaid'] : []
}

/** An invoice whose discrepancies may still change: not yet approved, replaced or paid. */
const unsettled: readonly InvoiceStatus[] = ['controlled', 'disputed', 'answered']

/**
 * The client's contract manager clears a duplicate that is none while the invoice is unsettled: awaiting a decision,
 * or disputed (a dispute over the duplicate may end with it cleared).
 */
export function canClearDuplicate(invoice: Pick<Invoice, 'status'>, discrepancy: Discrepancy, user: Caller): boolean {
  return decidesInvoices(user) && unsettled.includes(invoice.status) && discrepancy.code === 'duplicate' && !!discrepancy.duplicateOf
}

/** The discrepancies an approval must give a reason for: the blocking ones not accepted yet. */
export function discrepanciesToJustify(invoice: Pick<Invoice, 'discrepancies'>): Discrepancy[] {
  return invoice.discrepancies.filter((discrepancy) => discrepancy.blocking && discrepancy.accepted == null)
}

/**
 * The discrepancies of the whole invoice, and those of each line by its position, each in the control's order. One
 * naming a line the invoice does not have is shown with the whole invoice's rather than lost.
 */
export function discrepanciesByPlace(discrepancies: readonly Discrepancy[], positions: readonly number[]) {
  const whole: Discrepancy[] = []
  const byLine = new Map<number, Discrepancy[]>()
  for (const discrepancy of discrepancies) {
    if (discrepancy.line == null || !positions.includes(discrepancy.line)) whole.push(discrepancy)
    else byLine.set(discrepancy.line, [...(byLine.get(discrepancy.line) ?? []), discrepancy])
  }
  return { whole, byLine }
}

/** The n of a discrepancy key (`{code}:{line or "invoice"}:{n}`): 1 for the first of its code and place. */
export function discrepancyRank(discrepancy: Pick<Discrepancy, 'key'>): number {
  const rank = Number(discrepancy.key.split(':').at(-1))
  return Number.isInteger(rank) && rank > 0 ? rank : 1
}
