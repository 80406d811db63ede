import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api'
import { contractsKey } from './contracts'

export type InvoiceKind = 'invoice' | 'creditNote'
export const invoiceKinds: readonly InvoiceKind[] = ['invoice', 'creditNote']

/**
 * received (stored) → controlled → approved or disputed; a disputed invoice becomes answered (by a credit note) or
 * replaced (by a corrected invoice); an approved one becomes paid.
 */
export type InvoiceStatus = 'received' | 'controlled' | 'approved' | 'disputed' | 'answered' | 'replaced' | 'paid'
export type ControlOutcome = 'compliant' | 'discrepancies'

/** What a line bills, as the control recognised it or the provider chose it. */
export const invoiceLineKinds = ['monthlyFee', 'workUnit', 'evolution', 'penaltyCredit', 'other'] as const
export type InvoiceLineKind = (typeof invoiceLineKinds)[number]

/** The rule a discrepancy breaks. */
export const discrepancyCodes = ['arithmetic', 'duplicate', 'period', 'fixedFee', 'unitPrice', 'volume', 'evolution', 'penaltyCredit'] as const
export type DiscrepancyCode = (typeof discrepancyCodes)[number]

export interface InvoiceRef {
  id: string
  number: string
}

/** A row of a contract's invoices, newest first. */
export interface InvoiceSummary {
  id: string
  number: string
  kind: InvoiceKind
  status: InvoiceStatus
  result: ControlOutcome | null
  /** Calendar dates, yyyy-MM-dd. */
  issueDate: string
  periodStart?: string | null
  periodEnd?: string | null
  totalWithoutVat: number
  totalWithVat: number
  discrepancyCount: number
  totalAtStake: number
  precedingInvoice: InvoiceRef | null
}

/**
 * A departure of the invoice from its contract or its own arithmetic. `line` is the invoice line's position (from 1),
 * null for the whole invoice; `expected` and `actual` are the figures compared (units for a volume, euros otherwise),
 * null when the rule compares none; `message` is the rule in words, in the caller's language. `key`
 * (`{code}:{line or "invoice"}:{n}`) names it in an approval's reasons; a tolerated one does not block the approval.
 */
export interface Discrepancy {
  key: string
  code: DiscrepancyCode
  line: number | null
  expected: number | null
  actual: number | null
  amountAtStake: number
  blocking: boolean
  message: string
  duplicateOf?: string | null
  accepted: { reason: string; by: string; at: string } | null
}

export interface InvoiceParty {
  name: string
  legalId?: string | null
  vatNumber?: string | null
}

export interface InvoiceLine {
  position: number
  description: string
  kind: InvoiceLineKind | null
  itemCode?: string | null
  evolutionReference?: string | null
  quantity: number
  unitPrice: number
  netAmount: number
  vatRate: number | null
  periodStart?: string | null
  periodEnd?: string | null
}

export interface InvoiceTotals {
  lineTotal: number
  allowanceTotal: number
  chargeTotal: number
  taxExclusive: number
  taxTotal: number
  taxInclusive: number
  payable: number
}

export type InvoiceSource = 'factur-x' | 'cii' | 'ubl' | 'csv' | 'form'

export interface Invoice {
  id: string
  contractId: string
  number: string
  kind: InvoiceKind
  status: InvoiceStatus
  result: ControlOutcome | null
  totalAtStake: number
  discrepancies: Discrepancy[]
  issueDate: string
  dueDate?: string | null
  periodStart?: string | null
  periodEnd?: string | null
  currency: string
  seller: InvoiceParty
  buyer: InvoiceParty
  contractReference?: string | null
  lines: InvoiceLine[]
  totals: InvoiceTotals
  vat: { rate: number; taxableAmount: number; taxAmount: number }[]
  precedingInvoice: InvoiceRef | null
  corrections: { id: string; number: string; kind: InvoiceKind; status: InvoiceStatus }[]
  dispute: { message: string; by: string; at: string } | null
  paidOn?: string | null
  source: InvoiceSource
  original: { fileName: string; contentType: string; size: number } | null
  history: { status: InvoiceStatus; at: string; by: string; reason?: string | null }[]
}

/** A line of an invoice entered in the form; the net amount defaults to quantity × unit price. */
export interface InvoiceEntryLine {
  description: string
  kind?: InvoiceLineKind
  itemCode?: string
  evolutionReference?: string
  quantity: number
  unitPrice: number
  netAmount?: number
  vatRate: number
  periodStart?: string
  periodEnd?: string
}

/** An invoice entered in the form rather than uploaded; totals are computed by the API. */
export interface InvoiceEntry {
  number: string
  issueDate: string
  kind: InvoiceKind
  precedingInvoice?: string
  periodStart: string
  periodEnd: string
  currency?: string
  lines: InvoiceEntryLine[]
}

const contractInvoicesKey = (contractId: string) => [...contractsKey, contractId, 'invoices'] as const
const invoiceKey = (id: string) => ['invoices', id] as const
const contractInvoicesPath = (contractId: string) => `/api/invoicing/contracts/${encodeURIComponent(contractId)}/invoices`
const invoicePath = (id: string) => `/api/invoicing/invoices/${encodeURIComponent(id)}`

export const invoicePageUrl = (id: string) => `/invoices/${encodeURIComponent(id)}`
export const invoiceOriginalUrl = (id: string) => `${invoicePath(id)}/original`

export function useInvoices(contractId: string) {
  return useQuery({ queryKey: contractInvoicesKey(contractId), queryFn: () => api.get<InvoiceSummary[]>(contractInvoicesPath(contractId)) })
}

export function useInvoice(id: string) {
  return useQuery({ queryKey: invoiceKey(id), queryFn: () => api.get<Invoice>(invoicePath(id)) })
}

/** A new invoice joins its contract's list, and may change the one it names as preceding (answered, replaced). */
function useSubmission<TVariables>(contractId: string, send: (variables: TVariables) => Promise<Invoice>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceKey(invoice.id), invoice)
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: contractInvoicesKey(contractId) }),
        queryClient.invalidateQueries({ queryKey: ['invoices'] }),
      ])
    },
  })
}

export function useUploadInvoice(contractId: string) {
  return useSubmission(contractId, (file: File) => api.upload<Invoice>(contractInvoicesPath(contractId), file))
}

export function useEnterInvoice(contractId: string) {
  return useSubmission(contractId, (entry: InvoiceEntry) => api.post<Invoice>(`${contractInvoicesPath(contractId)}/form`, entry))
}

export type InvoiceDecision =
  | { action: 'approve'; reasons: Record<string, string> }
  | { action: 'dispute'; message: string }
  | { action: 'paid'; paidOn: string }
  | { action: 'clearDuplicate'; otherId: string; reason: string }

function decisionCall(id: string, decision: InvoiceDecision): Promise<unknown> {
  switch (decision.action) {
    case 'approve':
      return api.post(`${invoicePath(id)}/approve`, { reasons: decision.reasons })
    case 'dispute':
      return api.post(`${invoicePath(id)}/dispute`, { message: decision.message })
    case 'paid':
      return api.post(`${invoicePath(id)}/paid`, { paidOn: decision.paidOn })
    case 'clearDuplicate':
      return api.post(`${invoicePath(id)}/duplicates/${encodeURIComponent(decision.otherId)}/clear`, { reason: decision.reason })
  }
}

/**
 * The client's decisions on an invoice. The invoice is read again (the calls that answer it are taken at their word
 * first), and so is its contract's list, whose statuses and results it changes.
 */
export function useInvoiceDecision(invoice: Pick<Invoice, 'id' | 'contractId'>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (decision: InvoiceDecision) => decisionCall(invoice.id, decision),
    onSuccess: (answer) => {
      if (typeof answer === 'object' && answer !== null && 'status' in answer) queryClient.setQueryData(invoiceKey(invoice.id), answer)
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: invoiceKey(invoice.id) }),
        queryClient.invalidateQueries({ queryKey: contractInvoicesKey(invoice.contractId) }),
      ])
    },
  })
}
