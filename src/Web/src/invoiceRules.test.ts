import { describe, expect, it } from 'vitest'
import type { InvoiceStatus } from './hooks/invoices'
import { canClearDuplicate, discrepanciesByPlace, discrepanciesToJustify, discrepancyRank, invoiceActions, sendsInvoices } from './invoiceRules'
import { accountManager, agent, contractManager } from './test/contracts'
import { approvedInvoice, duplicateDiscrepancy, mayInvoice, penaltyCreditDiscrepancy, roundingDiscrepancy, unitPriceDiscrepancy } from './test/invoices'
import { clientAdmin } from './test/render'
import { auditor } from './test/statements'

const statuses: InvoiceStatus[] = ['received', 'controlled', 'approved', 'disputed', 'answered', 'replaced', 'paid']

describe('what a caller may do on an invoice', () => {
  it('lets the client’s contract manager approve or dispute an invoice awaiting a decision, and record the payment of an approved one', () => {
    expect(statuses.map((status) => [status, invoiceActions({ status }, contractManager)])).toEqual([
      ['received', []],
      ['controlled', ['approve', 'dispute']],
      ['approved', ['markPaid']],
      ['disputed', []],
      ['answered', ['approve', 'dispute']],
      ['replaced', []],
      ['paid', []],
    ])
  })

  it('gives no decision to the tenant’s administrator, an auditor or the provider', () => {
    for (const user of [clientAdmin, auditor, accountManager, agent]) {
      expect(statuses.flatMap((status) => invoiceActions({ status }, user))).toEqual([])
    }
  })

  it('lets only the provider’s account manager send invoices', () => {
    expect([accountManager, agent, contractManager, clientAdmin].map(sendsInvoices)).toEqual([true, false, false, false])
  })

  it('clears only a duplicate naming the invoice it repeats, while the invoice is unsettled', () => {
    expect(canClearDuplicate(mayInvoice, duplicateDiscrepancy, contractManager)).toBe(true)
    expect(canClearDuplicate({ status: 'disputed' }, duplicateDiscrepancy, contractManager)).toBe(true)
    expect(canClearDuplicate({ status: 'paid' }, duplicateDiscrepancy, contractManager)).toBe(false)
    expect(canClearDuplicate(mayInvoice, { ...duplicateDiscrepancy, duplicateOf: null }, contractManager)).toBe(false)
    expect(canClearDuplicate(mayInvoice, unitPriceDiscrepancy, contractManager)).toBe(false)
    expect(canClearDuplicate(approvedInvoice, duplicateDiscrepancy, contractManager)).toBe(false)
    expect(canClearDuplicate(mayInvoice, duplicateDiscrepancy, accountManager)).toBe(false)
  })
})

describe('an invoice’s discrepancies', () => {
  it('need a reason when blocking and not accepted yet', () => {
    expect(discrepanciesToJustify(mayInvoice)).toEqual([unitPriceDiscrepancy, penaltyCreditDiscrepancy])
    expect(discrepanciesToJustify(approvedInvoice)).toEqual([])
  })

  it('read a field the API leaves out (it writes no nulls) as null', () => {
    // As the service sends it: no "accepted" when nobody accepted it, no "line" on a check of the whole invoice.
    const { accepted: _, ...unaccepted } = unitPriceDiscrepancy
    const { line: __, ...wholeInvoice } = { ...penaltyCreditDiscrepancy, line: null }
    const asSent = [unaccepted, wholeInvoice] as unknown as typeof mayInvoice.discrepancies
    expect(discrepanciesToJustify({ discrepancies: asSent })).toHaveLength(2)
    expect(discrepanciesByPlace(asSent, [1, 2]).whole).toEqual([wholeInvoice])
  })

  it('are shown on their line, or with the whole invoice’s, also when the line they name is not on the invoice', () => {
    const stray = { ...unitPriceDiscrepancy, key: 'unitPrice:9:1', line: 9 }
    const { whole, byLine } = discrepanciesByPlace([roundingDiscrepancy, unitPriceDiscrepancy, penaltyCreditDiscrepancy, stray], [1, 2])
    expect(whole).toEqual([penaltyCreditDiscrepancy, stray])
    expect([...byLine]).toEqual([
      [1, [roundingDiscrepancy]],
      [2, [unitPriceDiscrepancy]],
    ])
  })

  it('are numbered among those of the same rule and place by their key', () => {
    expect(discrepancyRank({ key: 'arithmetic:invoice:2' })).toBe(2)
    expect(discrepancyRank({ key: 'unitPrice:2:1' })).toBe(1)
    expect(discrepancyRank({ key: 'odd' })).toBe(1)
  })
})
