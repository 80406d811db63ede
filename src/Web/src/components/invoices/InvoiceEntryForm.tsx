import { ActionIcon, Button, Card, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, pathErrors } from '../../api'
import { invoiceKinds, invoiceLineKinds, useEnterInvoice, type InvoiceEntry, type InvoiceKind, type InvoiceLineKind } from '../../hooks/invoices'
import { useDraft } from '../../hooks/useDraft'
import { FormActions } from '../FormActions'
import { NumberField } from '../NumberField'
import { ErrorAlert } from '../States'
import { DateField } from '../DateField'

interface LineRow {
  /** Keeps a row's inputs when an earlier row is removed. */
  id: number
  description: string
  kind: InvoiceLineKind | ''
  itemCode: string
  evolutionReference: string
  quantity: number
  unitPrice: number
  /** NaN when left empty: quantity × unit price. */
  netAmount: number
  vatRate: number
  /** Empty: the invoice's period. */
  periodStart: string
  periodEnd: string
}

const headerFields = ['number', 'issueDate', 'kind', 'precedingInvoice', 'periodStart', 'periodEnd', 'currency', 'lines'] as const
const lineFields = ['description', 'kind', 'itemCode', 'evolutionReference', 'quantity', 'unitPrice', 'netAmount', 'vatRate', 'periodStart', 'periodEnd'] as const

/** A new row, numbered after those there (some may come back from a kept draft). */
const newRow = (rows: LineRow[] = []): LineRow => ({
  id: Math.max(-1, ...rows.map((row) => row.id)) + 1,
  description: '',
  kind: '',
  itemCode: '',
  evolutionReference: '',
  quantity: 1,
  unitPrice: Number.NaN,
  netAmount: Number.NaN,
  vatRate: 20,
  periodStart: '',
  periodEnd: '',
})

/** "lines[2].quantity" → "lines[2].quantity"; "lines[2].unitCode" → "lines[2]"; what the form has no field for → null. */
function placeOf(path: string, rows: number): string | null {
  const line = /^lines\[(\d+)\](?:\.(\w+))?/.exec(path)
  if (line) {
    if (Number(line[1]) >= rows) return 'lines'
    const field = line[2]
    return field && (lineFields as readonly string[]).includes(field) ? `lines[${line[1]}].${field}` : `lines[${line[1]}]`
  }
  const header = path.split(/[.[]/)[0] ?? ''
  return (headerFields as readonly string[]).includes(header) ? header : null
}

/** The form as kept for a returning session: an empty amount is NaN in the form and null once written as JSON. */
const withNumbers = (row: LineRow): LineRow => ({
  ...row,
  quantity: row.quantity ?? Number.NaN,
  unitPrice: row.unitPrice ?? Number.NaN,
  netAmount: row.netAmount ?? Number.NaN,
  vatRate: row.vatRate ?? Number.NaN,
})

/** The entry form's name on the contract's page, for its draft. */
export const invoiceEntryForm = 'invoice-entry'

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim())

/**
 * An invoice entered by hand, for a provider without e-invoices: the header, then its lines, as many as needed. Each
 * line's field is named by its row ("Quantity — line 3") and shows the server's error for it (`lines[2].quantity`).
 */
export function InvoiceEntryForm({ contractId, onClose, onDone }: { contractId: string; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useTranslation()
  const enter = useEnterInvoice(contractId)
  const draft = useDraft(invoiceEntryForm, () => ({
    number: '',
    issueDate: '',
    kind: 'invoice' as InvoiceKind,
    precedingInvoice: '',
    periodStart: '',
    periodEnd: '',
    currency: 'EUR',
    rows: [newRow()],
  }))
  const { number, issueDate, kind, precedingInvoice, periodStart, periodEnd, currency } = draft.value
  const rows = draft.value.rows.map(withNumbers)
  const setRows = (change: (previous: LineRow[]) => LineRow[]) => draft.set((previous) => ({ ...previous, rows: change(previous.rows.map(withNumbers)) }))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)

  const rowName = (index: number) => t('invoices.entry.row', { position: index + 1 })
  const fieldLabel = (field: string, index: number) => t('invoices.entry.fieldOf', { field, row: rowName(index) })
  const update = (index: number, change: Partial<LineRow>) => setRows((previous) => previous.map((row, at) => (at === index ? { ...row, ...change } : row)))

  function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    const missing: Record<string, string> = {}
    const required = t('validation.required')
    if (number.trim() === '') missing.number = required
    if (issueDate === '') missing.issueDate = required
    if (periodStart === '') missing.periodStart = required
    if (periodEnd === '') missing.periodEnd = required
    if (rows.length === 0) missing.lines = t('invoices.entry.noLine')
    rows.forEach((row, index) => {
      if (row.description.trim() === '') missing[`lines[${index}].description`] = required
      if (!Number.isFinite(row.quantity)) missing[`lines[${index}].quantity`] = required
      if (!Number.isFinite(row.unitPrice)) missing[`lines[${index}].unitPrice`] = required
      if (!Number.isFinite(row.vatRate)) missing[`lines[${index}].vatRate`] = required
    })
    setErrors(missing)
    if (Object.keys(missing).length > 0) return
    const entry: InvoiceEntry = {
      number: number.trim(),
      issueDate,
      kind,
      precedingInvoice: optional(precedingInvoice),
      periodStart,
      periodEnd,
      currency: optional(currency),
      lines: rows.map((row) => ({
        description: row.description.trim(),
        kind: row.kind === '' ? undefined : row.kind,
        itemCode: optional(row.itemCode),
        evolutionReference: optional(row.evolutionReference),
        quantity: row.quantity,
        unitPrice: row.unitPrice,
        netAmount: Number.isFinite(row.netAmount) ? row.netAmount : undefined,
        vatRate: row.vatRate,
        periodStart: optional(row.periodStart),
        periodEnd: optional(row.periodEnd),
      })),
    }
    enter.mutate(entry, {
      onSuccess: (invoice) => {
        notifications.show({ color: 'teal', message: t('invoices.entry.done', { number: invoice.number }) })
        draft.saved()
        onDone(invoice.id)
      },
      onError: (error) => {
        const placed: Record<string, string> = {}
        let unplaced = false
        for (const [path, message] of Object.entries(error instanceof ApiError ? pathErrors(error.problem) : {})) {
          const place = placeOf(path, rows.length)
          if (place === null) unplaced = true
          else placed[place] = [placed[place], message].filter(Boolean).join(' ')
        }
        setErrors(placed)
        if (unplaced || Object.keys(placed).length === 0) setFailure(error)
      },
    })
  }

  const rowError = (index: number) => errors[`lines[${index}]`]
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('invoices.entry.help')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('invoices.entry.number')} withAsterisk value={number} onChange={(event) => draft.patch({ number: event.currentTarget.value })} error={errors.number} />
          <NativeSelect
            label={t('invoices.entry.kind')}
            withAsterisk
            value={kind}
            onChange={(event) => draft.patch({ kind: event.currentTarget.value as InvoiceKind })}
            data={invoiceKinds.map((value) => ({ value, label: t(`invoices.kinds.${value}`) }))}
            error={errors.kind}
          />
          <DateField label={t('invoices.entry.issueDate')} withAsterisk value={issueDate} onChange={(value) => draft.patch({ issueDate: value })} error={errors.issueDate} />
          <TextInput
            label={t('invoices.entry.precedingInvoice')}
            description={t('invoices.entry.precedingHelp')}
            value={precedingInvoice}
            onChange={(event) => draft.patch({ precedingInvoice: event.currentTarget.value })}
            error={errors.precedingInvoice}
          />
          <DateField label={t('invoices.entry.periodStart')} withAsterisk value={periodStart} onChange={(value) => draft.patch({ periodStart: value })} error={errors.periodStart} />
          <DateField label={t('invoices.entry.periodEnd')} withAsterisk value={periodEnd} onChange={(value) => draft.patch({ periodEnd: value })} error={errors.periodEnd} />
          <TextInput label={t('invoices.entry.currency')} maxLength={3} value={currency} onChange={(event) => draft.patch({ currency: event.currentTarget.value.toUpperCase() })} error={errors.currency} />
        </SimpleGrid>

        <Fieldset legend={t('invoices.entry.lines')}>
          <Stack gap="sm">
            {rows.map((row, index) => (
              <Card key={row.id} withBorder padding="sm" role="group" aria-label={rowName(index)}>
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {rowName(index)}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('invoices.entry.removeLine', { row: rowName(index) })}
                      disabled={rows.length === 1}
                      onClick={() => setRows((previous) => previous.filter((_, at) => at !== index))}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                  <TextInput
                    label={fieldLabel(t('invoices.entry.description'), index)}
                    withAsterisk
                    value={row.description}
                    onChange={(event) => update(index, { description: event.currentTarget.value })}
                    error={errors[`lines[${index}].description`]}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                    <NativeSelect
                      label={fieldLabel(t('invoices.entry.lineKind'), index)}
                      value={row.kind}
                      onChange={(event) => update(index, { kind: event.currentTarget.value as InvoiceLineKind | '' })}
                      data={[{ value: '', label: t('invoices.entry.recognised') }, ...invoiceLineKinds.map((value) => ({ value, label: t(`invoices.lineKinds.${value}`) }))]}
                      error={errors[`lines[${index}].kind`]}
                    />
                    <TextInput
                      label={fieldLabel(t('invoices.entry.itemCode'), index)}
                      value={row.itemCode}
                      onChange={(event) => update(index, { itemCode: event.currentTarget.value })}
                      error={errors[`lines[${index}].itemCode`]}
                    />
                    <TextInput
                      label={fieldLabel(t('invoices.entry.evolutionReference'), index)}
                      value={row.evolutionReference}
                      onChange={(event) => update(index, { evolutionReference: event.currentTarget.value })}
                      error={errors[`lines[${index}].evolutionReference`]}
                    />
                    <NumberField
                      label={fieldLabel(t('invoices.entry.quantity'), index)}
                      withAsterisk
                      value={row.quantity}
                      onChange={(quantity) => update(index, { quantity })}
                      error={errors[`lines[${index}].quantity`]}
                    />
                    <NumberField
                      label={fieldLabel(t('invoices.entry.unitPrice'), index)}
                      withAsterisk
                      decimalScale={4}
                      value={row.unitPrice}
                      onChange={(unitPrice) => update(index, { unitPrice })}
                      error={errors[`lines[${index}].unitPrice`]}
                    />
                    <NumberField
                      label={fieldLabel(t('invoices.entry.netAmount'), index)}
                      description={t('invoices.entry.netAmountHelp')}
                      decimalScale={2}
                      value={row.netAmount}
                      onChange={(netAmount) => update(index, { netAmount })}
                      error={errors[`lines[${index}].netAmount`]}
                    />
                    <NumberField
                      label={fieldLabel(t('invoices.entry.vatRate'), index)}
                      withAsterisk
                      min={0}
                      value={row.vatRate}
                      onChange={(vatRate) => update(index, { vatRate })}
                      error={errors[`lines[${index}].vatRate`]}
                    />
                    <DateField
                      label={fieldLabel(t('invoices.entry.periodStart'), index)}
                      value={row.periodStart}
                      onChange={(value) => update(index, { periodStart: value })}
                      error={errors[`lines[${index}].periodStart`]}
                    />
                    <DateField
                      label={fieldLabel(t('invoices.entry.periodEnd'), index)}
                      value={row.periodEnd}
                      onChange={(value) => update(index, { periodEnd: value })}
                      error={errors[`lines[${index}].periodEnd`]}
                    />
                  </SimpleGrid>
                  {rowError(index) && (
                    <Text size="sm" c="red" role="alert">
                      {rowError(index)}
                    </Text>
                  )}
                </Stack>
              </Card>
            ))}
            {errors.lines && (
              <Text size="sm" c="red" role="alert">
                {errors.lines}
              </Text>
            )}
            <div>
              <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setRows((previous) => [...previous, newRow(previous)])}>
                {t('invoices.entry.addLine')}
              </Button>
            </div>
          </Stack>
        </Fieldset>
        {failure && <ErrorAlert error={failure} />}
        <FormActions onCancel={onClose} loading={enter.isPending} submitLabel={t('invoices.entry.submit')} />
      </Stack>
    </form>
  )
}
