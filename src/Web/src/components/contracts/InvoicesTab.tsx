import { Anchor, Button, EmptyState, Group, Stack, Table, Text } from '@mantine/core'
import { IconFileInvoice, IconForms, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useFormatAmount, useFormatDate } from '../../format'
import type { ContractDetail } from '../../hooks/contracts'
import { invoicePageUrl, useInvoices, type InvoiceSummary } from '../../hooks/invoices'
import { useUser } from '../../hooks/session'
import { useKeptDraft } from '../../hooks/useDraft'
import { sendsInvoices } from '../../invoiceRules'
import { FormModal } from '../FormModal'
import { ListCard, ResponsiveList } from '../ResponsiveList'
import { ControlResultBadge, InvoiceStatusBadge } from '../invoices/InvoiceBadges'
import { InvoiceEntryForm, invoiceEntryForm } from '../invoices/InvoiceEntryForm'
import { InvoiceUploadForm } from '../invoices/InvoiceUploadForm'
import { ListStates } from '../States'

/** What a row and a card both show of an invoice: its period, and its number linked with the invoice it corrects. */
function useInvoiceText() {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  return {
    period: (invoice: InvoiceSummary) =>
      invoice.periodStart && invoice.periodEnd ? t('invoices.periodValue', { start: formatDate(invoice.periodStart), end: formatDate(invoice.periodEnd) }) : '—',
    title: (invoice: InvoiceSummary) => (
      <Stack gap={2}>
        <Anchor component={Link} to={invoicePageUrl(invoice.id)} fw={600} size="sm">
          {invoice.number}
        </Anchor>
        {invoice.precedingInvoice && (
          <Anchor component={Link} to={invoicePageUrl(invoice.precedingInvoice.id)} size="xs" c="dimmed">
            {t(`invoices.precedes.${invoice.kind}`, { number: invoice.precedingInvoice.number })}
          </Anchor>
        )}
      </Stack>
    ),
  }
}

function InvoiceRow({ invoice }: { invoice: InvoiceSummary }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatDate = useFormatDate()
  const text = useInvoiceText()
  return (
    <Table.Tr>
      <Table.Td>{text.title(invoice)}</Table.Td>
      <Table.Td>{t(`invoices.kinds.${invoice.kind}`)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.issueDate)}</Table.Td>
      <Table.Td>{text.period(invoice)}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatAmount(invoice.totalWithoutVat)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatAmount(invoice.totalWithVat)}
      </Table.Td>
      <Table.Td>
        <InvoiceStatusBadge status={invoice.status} />
      </Table.Td>
      <Table.Td>
        <ControlResultBadge result={invoice.result} count={invoice.discrepancyCount} atStake={invoice.totalAtStake} />
      </Table.Td>
    </Table.Tr>
  )
}

function InvoiceCard({ invoice }: { invoice: InvoiceSummary }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatDate = useFormatDate()
  const text = useInvoiceText()
  return (
    <ListCard
      title={text.title(invoice)}
      badges={
        <>
          <InvoiceStatusBadge status={invoice.status} />
          <ControlResultBadge result={invoice.result} count={invoice.discrepancyCount} atStake={invoice.totalAtStake} />
        </>
      }
      details={[
        { label: t('invoices.kind'), value: t(`invoices.kinds.${invoice.kind}`) },
        { label: t('invoices.issueDate'), value: formatDate(invoice.issueDate) },
        { label: t('invoices.period'), value: text.period(invoice) },
        { label: t('invoices.totalWithoutVat'), value: formatAmount(invoice.totalWithoutVat) },
        { label: t('invoices.totalWithVat'), value: formatAmount(invoice.totalWithVat) },
      ]}
    />
  )
}

/**
 * Invoices: the contract's invoices and credit notes, newest first, each with its status and the control's verdict,
 * a credit note or corrected invoice naming the invoice it corrects. The provider's account manager uploads a file
 * or enters one in a form; either opens the invoice, controlled.
 */
export function InvoicesTab({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation()
  const user = useUser()
  const navigate = useNavigate()
  const invoices = useInvoices(contract.id)
  // An invoice being entered when the session ended opens again with what was typed.
  const kept = useKeptDraft([invoiceEntryForm])
  const [adding, setAdding] = useState<'upload' | 'entry' | null>(kept === null ? null : 'entry')
  const close = () => setAdding(null)
  const open = (id: string) => {
    setAdding(null)
    void navigate(invoicePageUrl(id))
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          {t('invoices.intro')}
        </Text>
        {sendsInvoices(user) && contract.phase !== 'closed' && (
          <Group gap="xs">
            <Button variant="light" leftSection={<IconForms size={16} aria-hidden />} onClick={() => setAdding('entry')}>
              {t('invoices.entry.open')}
            </Button>
            <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => setAdding('upload')}>
              {t('invoices.upload.open')}
            </Button>
          </Group>
        )}
      </Group>
      <ListStates
        query={invoices}
        empty={<EmptyState icon={<IconFileInvoice aria-hidden />} title={t('invoices.emptyTitle')} description={t('invoices.empty')} />}
      >
        {(items) => (
          <ResponsiveList
            items={items}
            keyOf={(invoice) => invoice.id}
            label={t('invoices.list')}
            card={(invoice) => <InvoiceCard invoice={invoice} />}
            table={
              <Table.ScrollContainer minWidth={900}>
                <Table aria-label={t('invoices.list')} verticalSpacing="xs" highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('invoices.number')}</Table.Th>
                      <Table.Th>{t('invoices.kind')}</Table.Th>
                      <Table.Th>{t('invoices.issueDate')}</Table.Th>
                      <Table.Th>{t('invoices.period')}</Table.Th>
                      <Table.Th ta="right">{t('invoices.totalWithoutVat')}</Table.Th>
                      <Table.Th ta="right">{t('invoices.totalWithVat')}</Table.Th>
                      <Table.Th>{t('invoices.status')}</Table.Th>
                      <Table.Th>{t('invoices.result')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((invoice) => (
                      <InvoiceRow key={invoice.id} invoice={invoice} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            }
          />
        )}
      </ListStates>

      <FormModal opened={adding === 'upload'} onClose={close} title={t('invoices.upload.open')} size="lg">
        <InvoiceUploadForm contractId={contract.id} onClose={close} onDone={open} />
      </FormModal>
      <FormModal opened={adding === 'entry'} onClose={close} title={t('invoices.entry.open')} size="xl">
        <InvoiceEntryForm contractId={contract.id} onClose={close} onDone={open} />
      </FormModal>
    </Stack>
  )
}
