import type { Discrepancy, Invoice, InvoiceSummary } from '../hooks/invoices'

/**
 * Test data for the invoices: a contract's list (a disputed invoice, the credit note answering it, a paid one), and
 * May's invoice as controlled: a unit price over the contract's on line 2, a tolerated rounding on line 1, and the
 * penalties of April not credited, on the whole invoice.
 */

export const invoiceList: InvoiceSummary[] = [
  {
    id: 'inv-3',
    number: 'AV-2026-001',
    kind: 'creditNote',
    status: 'controlled',
    result: 'compliant',
    issueDate: '2026-06-12',
    periodStart: '2026-05-01',
    periodEnd: '2026-05-31',
    totalWithoutVat: 330,
    totalWithVat: 396,
    discrepancyCount: 0,
    totalAtStake: 0,
    precedingInvoice: { id: 'inv-2', number: 'F-2026-0052' },
  },
  {
    id: 'inv-2',
    number: 'F-2026-0052',
    kind: 'invoice',
    status: 'controlled',
    result: 'discrepancies',
    issueDate: '2026-06-02',
    periodStart: '2026-05-01',
    periodEnd: '2026-05-31',
    totalWithoutVat: 14100,
    totalWithVat: 16920,
    discrepancyCount: 3,
    totalAtStake: 1176,
    precedingInvoice: null,
  },
  {
    id: 'inv-1',
    number: 'F-2026-0041',
    kind: 'invoice',
    status: 'paid',
    result: 'compliant',
    issueDate: '2026-05-04',
    periodStart: '2026-04-01',
    periodEnd: '2026-04-30',
    totalWithoutVat: 13200,
    totalWithVat: 15840,
    discrepancyCount: 0,
    totalAtStake: 0,
    precedingInvoice: null,
  },
]

export const unitPriceDiscrepancy: Discrepancy = {
  key: 'unitPrice:2:1',
  code: 'unitPrice',
  line: 2,
  expected: 450,
  actual: 500,
  amountAtStake: 100,
  blocking: true,
  message: 'Line 2: the unit price of UO-1 on 2026-05-31 is 450.00 € revised; billed 500.00 € × 2.',
  accepted: null,
}

export const roundingDiscrepancy: Discrepancy = {
  key: 'arithmetic:1:1',
  code: 'arithmetic',
  line: 1,
  expected: 13200,
  actual: 13200.01,
  amountAtStake: 0.01,
  blocking: false,
  message: 'Line 1: quantity × unit price − allowances + charges (1 × 13,200.00 €) is 13,200.00 €; billed 13,200.01 €.',
  accepted: null,
}

export const penaltyCreditDiscrepancy: Discrepancy = {
  key: 'penaltyCredit:invoice:1',
  code: 'penaltyCredit',
  line: null,
  expected: 1076,
  actual: 0,
  amountAtStake: 1076,
  blocking: true,
  message: 'The penalties of 2026-04 (1,076.00 €, issued statement) are not credited.',
  accepted: null,
}

export const mayInvoice: Invoice = {
  id: 'inv-2',
  contractId: 'c-1',
  number: 'F-2026-0052',
  kind: 'invoice',
  status: 'controlled',
  result: 'discrepancies',
  totalAtStake: 1176,
  discrepancies: [roundingDiscrepancy, unitPriceDiscrepancy, penaltyCreditDiscrepancy],
  issueDate: '2026-06-02',
  dueDate: '2026-07-02',
  periodStart: '2026-05-01',
  periodEnd: '2026-05-31',
  currency: 'EUR',
  seller: { name: 'Provider SAS', legalId: '552100554', vatNumber: 'FR12552100554' },
  buyer: { name: 'Client SA', legalId: '732829320', vatNumber: null },
  contractReference: 'INF-2026-01',
  lines: [
    {
      position: 1,
      description: 'Redevance mensuelle mai 2026',
      kind: 'monthlyFee',
      quantity: 1,
      unitPrice: 13200,
      netAmount: 13200.01,
      vatRate: 20,
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
    },
    {
      position: 2,
      description: 'Intervention sur site',
      kind: 'workUnit',
      itemCode: 'UO-1',
      quantity: 2,
      unitPrice: 500,
      netAmount: 1000,
      vatRate: 20,
    },
  ],
  totals: { lineTotal: 14200.01, allowanceTotal: 0, chargeTotal: 0, taxExclusive: 14200.01, taxTotal: 2840, taxInclusive: 17040.01, payable: 17040.01 },
  vat: [{ rate: 20, taxableAmount: 14200.01, taxAmount: 2840 }],
  precedingInvoice: null,
  corrections: [{ id: 'inv-3', number: 'AV-2026-001', kind: 'creditNote', status: 'controlled' }],
  dispute: null,
  paidOn: null,
  source: 'factur-x',
  original: { fileName: 'F-2026-0052.pdf', contentType: 'application/pdf', size: 48_128 },
  history: [
    { status: 'received', at: '2026-06-02T08:00:00Z', by: 'Paul Provider', reason: null },
    { status: 'controlled', at: '2026-06-02T08:00:01Z', by: 'Invoice control', reason: null },
  ],
}

export const disputedInvoice: Invoice = {
  ...mayInvoice,
  status: 'disputed',
  dispute: { message: 'April’s penalties are missing.', by: 'Claire Manager', at: '2026-06-03T09:00:00Z' },
  history: [...mayInvoice.history, { status: 'disputed', at: '2026-06-03T09:00:00Z', by: 'Claire Manager', reason: 'April’s penalties are missing.' }],
}

export const approvedInvoice: Invoice = {
  ...mayInvoice,
  status: 'approved',
  discrepancies: mayInvoice.discrepancies.map((discrepancy) =>
    discrepancy.blocking ? { ...discrepancy, accepted: { reason: 'Agreed.', by: 'Claire Manager', at: '2026-06-03T09:00:00Z' } } : discrepancy,
  ),
}

/** A duplicate of an earlier invoice, on the whole invoice. */
export const duplicateDiscrepancy: Discrepancy = {
  key: 'duplicate:invoice:1',
  code: 'duplicate',
  line: null,
  expected: null,
  actual: null,
  amountAtStake: 14200.01,
  blocking: true,
  message: 'Invoice F-2026-0049 (document inv-0) already bills this contract for 2026-05 with the same total without VAT, 14,200.01 €.',
  duplicateOf: 'inv-0',
  accepted: null,
}
