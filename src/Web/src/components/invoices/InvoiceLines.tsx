import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatAmount, useFormatDate, useFormatDateTime, useFormatQuantity } from '../../format'
import { invoicePageUrl, type Discrepancy, type Invoice } from '../../hooks/invoices'
import { useDiscrepancyFigure, useDiscrepancyName } from '../../hooks/invoiceText'
import { discrepanciesByPlace } from '../../invoiceRules'

interface DiscrepancyProps {
  invoice: Invoice
  discrepancy: Discrepancy
  /** Offered to the client's contract manager on a duplicate, while the invoice is unsettled. */
  onClear?: (discrepancy: Discrepancy) => void
}

/** The rule in words, the figures compared, what is at stake, blocking or tolerated, and its acceptance if any. */
function DiscrepancyView({ invoice, discrepancy, onClear }: DiscrepancyProps) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatDateTime = useFormatDateTime()
  const name = useDiscrepancyName()
  const figure = useDiscrepancyFigure(invoice.currency)
  const { accepted } = discrepancy
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <IconAlertTriangle size={16} aria-hidden color={discrepancy.blocking ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-yellow-7)'} />
        <Text size="sm" fw={600}>
          {name(discrepancy)}
        </Text>
        <Badge size="sm" color={discrepancy.blocking ? 'red' : 'yellow'} variant="light">
          {t(discrepancy.blocking ? 'invoices.blocking' : 'invoices.tolerated')}
        </Badge>
      </Group>
      <Text size="sm">{discrepancy.message}</Text>
      <Group gap="md">
        {discrepancy.expected != null && <Text size="sm">{t('invoices.expected', { value: figure(discrepancy, discrepancy.expected) })}</Text>}
        {discrepancy.actual != null && <Text size="sm">{t('invoices.actual', { value: figure(discrepancy, discrepancy.actual) })}</Text>}
        <Text size="sm" fw={600}>
          {t('invoices.amountAtStake', { amount: formatAmount(discrepancy.amountAtStake, invoice.currency) })}
        </Text>
        {discrepancy.duplicateOf && (
          <Anchor component={Link} to={invoicePageUrl(discrepancy.duplicateOf)} size="sm">
            {t('invoices.otherInvoice')}
          </Anchor>
        )}
      </Group>
      {accepted && (
        <Text size="xs" c="dimmed">
          {t('invoices.accepted', { name: accepted.by, date: formatDateTime(accepted.at), reason: accepted.reason })}
        </Text>
      )}
      {onClear && (
        <div>
          <Button
            size="xs"
            variant="light"
            aria-label={t('invoices.actionOf', { action: t('invoices.actionNames.clearDuplicate'), name: name(discrepancy) })}
            onClick={() => onClear(discrepancy)}
          >
            {t('invoices.actionNames.clearDuplicate')}
          </Button>
        </div>
      )}
    </Stack>
  )
}

interface Props {
  invoice: Invoice
  /** Whether the caller may clear this duplicate. */
  clearable: (discrepancy: Discrepancy) => boolean
  onClear: (discrepancy: Discrepancy) => void
}

/** Discrepancies of the whole invoice (its totals, its period, a duplicate, a missing penalty credit), above its lines. */
export function WholeInvoiceDiscrepancies({ invoice, clearable, onClear }: Props) {
  const { t } = useTranslation()
  const name = useDiscrepancyName()
  const { whole } = discrepanciesByPlace(
    invoice.discrepancies,
    invoice.lines.map((line) => line.position),
  )
  if (whole.length === 0) return null
  return (
    <Table aria-label={t('invoices.whole')} verticalSpacing="xs" withTableBorder>
      <Table.Tbody>
        {whole.map((discrepancy) => (
          <Table.Tr key={discrepancy.key} aria-label={name(discrepancy)}>
            <Table.Td>
              <DiscrepancyView invoice={invoice} discrepancy={discrepancy} onClear={clearable(discrepancy) ? onClear : undefined} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

const columns = 7

/**
 * The invoice's lines in its order, each with what it bills and its amounts, and right under it the discrepancies
 * the control found on it. Each row is named: a line by its position and description ("Line 2: Monthly fee"), a
 * discrepancy by its rule and line ("Unit price — line 2").
 */
export function InvoiceLines({ invoice, clearable, onClear }: Props) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatQuantity = useFormatQuantity()
  const formatDate = useFormatDate()
  const name = useDiscrepancyName()
  const { byLine } = discrepanciesByPlace(
    invoice.discrepancies,
    invoice.lines.map((line) => line.position),
  )
  const amount = (value: number) => formatAmount(value, invoice.currency)
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table aria-label={t('invoices.linesOf', { number: invoice.number })} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.position')}</Table.Th>
            <Table.Th>{t('invoices.description')}</Table.Th>
            <Table.Th>{t('invoices.lineKind')}</Table.Th>
            <Table.Th ta="right">{t('invoices.quantity')}</Table.Th>
            <Table.Th ta="right">{t('invoices.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('invoices.netAmount')}</Table.Th>
            <Table.Th ta="right">{t('invoices.vatRate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns}>{t('invoices.noLine')}</Table.Td>
            </Table.Tr>
          )}
          {invoice.lines.flatMap((line) => {
            const found = byLine.get(line.position) ?? []
            const details = [line.itemCode, line.evolutionReference].filter(Boolean).join(' · ')
            return [
              <Table.Tr
                key={`line-${line.position}`}
                aria-label={t('invoices.lineName', { position: line.position, description: line.description })}
                bg={found.some((discrepancy) => discrepancy.blocking) ? 'var(--mantine-color-red-light)' : undefined}
              >
                <Table.Td>{line.position}</Table.Td>
                <Table.Td>
                  <Text size="sm">{line.description}</Text>
                  {details && (
                    <Text size="xs" c="dimmed">
                      {details}
                    </Text>
                  )}
                  {line.periodStart && line.periodEnd && (
                    <Text size="xs" c="dimmed">
                      {t('invoices.periodValue', { start: formatDate(line.periodStart), end: formatDate(line.periodEnd) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{line.kind ? t(`invoices.lineKinds.${line.kind}`, { defaultValue: line.kind }) : '—'}</Table.Td>
                <Table.Td ta="right">{formatQuantity(line.quantity)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {amount(line.unitPrice)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {amount(line.netAmount)}
                </Table.Td>
                <Table.Td ta="right">{line.vatRate == null ? '—' : t('invoices.rate', { rate: formatQuantity(line.vatRate) })}</Table.Td>
              </Table.Tr>,
              ...found.map((discrepancy) => (
                <Table.Tr key={discrepancy.key} aria-label={name(discrepancy)}>
                  <Table.Td />
                  <Table.Td colSpan={columns - 1}>
                    <DiscrepancyView invoice={invoice} discrepancy={discrepancy} onClear={clearable(discrepancy) ? onClear : undefined} />
                  </Table.Td>
                </Table.Tr>
              )),
            ]
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
