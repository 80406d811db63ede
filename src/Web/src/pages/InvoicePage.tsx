import { Alert, Anchor, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconDownload, IconInfoCircle, IconMessageReport, IconUpload } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { FormModal } from '../components/FormModal'
import { ControlResultBadge, InvoiceStatusBadge } from '../components/invoices/InvoiceBadges'
import { InvoiceDecisionDialog, type InvoiceDialog } from '../components/invoices/InvoiceDecisionDialog'
import { InvoiceLines, WholeInvoiceDiscrepancies } from '../components/invoices/InvoiceLines'
import { InvoiceUploadForm } from '../components/invoices/InvoiceUploadForm'
import { ItemStates } from '../components/States'
import { useFormatAmount, useFormatDate, useFormatDateTime, useFormatFileSize, useFormatQuantity } from '../format'
import { invoiceOriginalUrl, invoicePageUrl, useInvoice, type Invoice, type InvoiceParty, type InvoiceTotals } from '../hooks/invoices'
import { useUser } from '../hooks/session'
import { canClearDuplicate, invoiceActions, sendsInvoices } from '../invoiceRules'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  )
}

function Party({ party }: { party: InvoiceParty }) {
  const { t } = useTranslation()
  return (
    <>
      {party.name}
      {party.legalId && (
        <Text span display="block" size="xs" c="dimmed">
          {t('invoices.legalId', { id: party.legalId })}
        </Text>
      )}
      {party.vatNumber && (
        <Text span display="block" size="xs" c="dimmed">
          {t('invoices.vatNumber', { number: party.vatNumber })}
        </Text>
      )}
    </>
  )
}

function Facts({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const notSet = <Text span c="dimmed">{t('invoices.notSet')}</Text>
  const date = (value: string | null | undefined) => (value ? <time dateTime={value}>{formatDate(value)}</time> : notSet)
  return (
    <Card withBorder component="section" aria-label={t('invoices.facts')}>
      <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm" m={0}>
        <Fact label={t('invoices.seller')}>
          <Party party={invoice.seller} />
        </Fact>
        <Fact label={t('invoices.buyer')}>
          <Party party={invoice.buyer} />
        </Fact>
        <Fact label={t('invoices.period')}>
          {invoice.periodStart && invoice.periodEnd
            ? t('invoices.periodValue', { start: formatDate(invoice.periodStart), end: formatDate(invoice.periodEnd) })
            : notSet}
        </Fact>
        <Fact label={t('invoices.contractReference')}>{invoice.contractReference ?? notSet}</Fact>
        <Fact label={t('invoices.issueDate')}>{date(invoice.issueDate)}</Fact>
        <Fact label={t('invoices.dueDate')}>{date(invoice.dueDate)}</Fact>
        <Fact label={t('invoices.source')}>{t(`invoices.sources.${invoice.source}`, { defaultValue: invoice.source })}</Fact>
        <Fact label={t('invoices.currency')}>{invoice.currency}</Fact>
        {invoice.paidOn && <Fact label={t('invoices.paidOn')}>{date(invoice.paidOn)}</Fact>}
        {invoice.precedingInvoice && (
          <Fact label={t('invoices.precedingInvoice')}>
            <Anchor component={Link} to={invoicePageUrl(invoice.precedingInvoice.id)}>
              {invoice.precedingInvoice.number}
            </Anchor>
          </Fact>
        )}
        {invoice.corrections.length > 0 && (
          <Fact label={t('invoices.corrections')}>
            <List size="sm" listStyleType="none" spacing={2}>
              {invoice.corrections.map((correction) => (
                <List.Item key={correction.id}>
                  <Anchor component={Link} to={invoicePageUrl(correction.id)} size="sm">
                    {t('invoices.correction', {
                      kind: t(`invoices.kinds.${correction.kind}`),
                      number: correction.number,
                      status: t(`invoices.statuses.${correction.status}`),
                    })}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Fact>
        )}
      </SimpleGrid>
    </Card>
  )
}

const totalRows: (keyof InvoiceTotals)[] = ['lineTotal', 'allowanceTotal', 'chargeTotal', 'taxExclusive', 'taxTotal', 'taxInclusive', 'payable']
const strongTotals: readonly (keyof InvoiceTotals)[] = ['taxExclusive', 'taxInclusive', 'payable']

/** The totals as the document states them, and its VAT by rate; the control checks them against its lines. */
function Totals({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatQuantity = useFormatQuantity()
  const amount = (value: number) => formatAmount(value, invoice.currency)
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Table aria-label={t('invoices.totals', { number: invoice.number })} verticalSpacing={4}>
        <Table.Tbody>
          {totalRows.map((row) => {
            const strong = strongTotals.includes(row)
            return (
              <Table.Tr key={row}>
                <Table.Th scope="row" fw={strong ? 700 : 500}>
                  {t(`invoices.totalRows.${row}`)}
                </Table.Th>
                <Table.Td ta="right" fw={strong ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {amount(invoice.totals[row])}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {invoice.vat.length > 0 && (
        <Table aria-label={t('invoices.vat', { number: invoice.number })} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('invoices.vatRateColumn')}</Table.Th>
              <Table.Th ta="right">{t('invoices.taxableAmount')}</Table.Th>
              <Table.Th ta="right">{t('invoices.taxAmount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.vat.map((vat) => (
              <Table.Tr key={vat.rate}>
                <Table.Td>{t('invoices.rate', { rate: formatQuantity(vat.rate) })}</Table.Td>
                <Table.Td ta="right">{amount(vat.taxableAmount)}</Table.Td>
                <Table.Td ta="right">{amount(vat.taxAmount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SimpleGrid>
  )
}

function History({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('invoices.history', { number: invoice.number })} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.at')}</Table.Th>
            <Table.Th>{t('invoices.status')}</Table.Th>
            <Table.Th>{t('invoices.by')}</Table.Th>
            <Table.Th>{t('invoices.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.history.map((step, index) => (
            <Table.Tr key={`${step.at}-${index}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={step.at}>{formatDateTime(step.at)}</time>
              </Table.Td>
              <Table.Td>{t(`invoices.statuses.${step.status}`, { defaultValue: step.status })}</Table.Td>
              <Table.Td>{step.by}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{step.reason ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function InvoiceView({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation()
  const user = useUser()
  const formatDateTime = useFormatDateTime()
  const formatFileSize = useFormatFileSize()
  const navigate = useNavigate()
  const [dialog, setDialog] = useState<InvoiceDialog | null>(null)
  const [answering, setAnswering] = useState(false)
  const actions = invoiceActions(invoice, user)
  const kind = t(`invoices.kinds.${invoice.kind}`)

  return (
    <Stack>
      <Anchor component={Link} to={`/contracts/${encodeURIComponent(invoice.contractId)}?tab=invoices`} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('invoices.backToContract')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} miw={0}>
          <Group gap="sm">
            <Title order={1}>{t('invoices.title', { kind, number: invoice.number })}</Title>
            <InvoiceStatusBadge status={invoice.status} announced />
            <ControlResultBadge result={invoice.result} count={invoice.discrepancies.length} atStake={invoice.totalAtStake} />
          </Group>
          {invoice.original && (
            <Group gap="xs">
              <Anchor href={invoiceOriginalUrl(invoice.id)} download={invoice.original.fileName} size="sm">
                <Group gap={4} component="span">
                  <IconDownload size={14} aria-hidden />
                  {t('invoices.original')}
                </Group>
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('invoices.originalDetails', { fileName: invoice.original.fileName, size: formatFileSize(invoice.original.size) })}
              </Text>
            </Group>
          )}
        </Stack>
        {actions.length > 0 && (
          <Group gap="xs" role="group" aria-label={t('invoices.actions')}>
            {actions.map((action) => (
              <Button key={action} variant={action === 'dispute' ? 'light' : 'filled'} color={action === 'dispute' ? 'red' : undefined} onClick={() => setDialog({ action })}>
                {t(`invoices.actionNames.${action}`)}
              </Button>
            ))}
          </Group>
        )}
      </Group>

      {invoice.status === 'disputed' && sendsInvoices(user) && (
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>
          <Text size="sm">{t('invoices.answerHint', { number: invoice.number })}</Text>
          <Button mt="sm" size="xs" variant="light" leftSection={<IconUpload size={14} aria-hidden />} onClick={() => setAnswering(true)}>
            {t('invoices.answerUpload')}
          </Button>
        </Alert>
      )}
      {invoice.dispute && (
        <Alert color="red" variant="light" icon={<IconMessageReport aria-hidden />} title={t('invoices.dispute')} role="region" aria-label={t('invoices.dispute')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {invoice.dispute.message}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {t('invoices.disputedBy', { name: invoice.dispute.by, date: formatDateTime(invoice.dispute.at) })}
          </Text>
        </Alert>
      )}

      <Facts invoice={invoice} />
      <WholeInvoiceDiscrepancies
        invoice={invoice}
        clearable={(discrepancy) => canClearDuplicate(invoice, discrepancy, user)}
        onClear={(discrepancy) => setDialog({ action: 'clearDuplicate', discrepancy })}
      />
      <InvoiceLines
        invoice={invoice}
        clearable={(discrepancy) => canClearDuplicate(invoice, discrepancy, user)}
        onClear={(discrepancy) => setDialog({ action: 'clearDuplicate', discrepancy })}
      />
      <Totals invoice={invoice} />
      <Title order={2} size="h4">
        {t('invoices.historyTitle')}
      </Title>
      <History invoice={invoice} />
      <InvoiceDecisionDialog invoice={invoice} current={dialog} onClose={() => setDialog(null)} />
      <FormModal opened={answering} onClose={() => setAnswering(false)} title={t('invoices.answerUpload')} size="lg">
        <InvoiceUploadForm
          contractId={invoice.contractId}
          onClose={() => setAnswering(false)}
          onDone={(id) => {
            setAnswering(false)
            void navigate(invoicePageUrl(id))
          }}
        />
      </FormModal>
    </Stack>
  )
}

/** `/invoices/:invoiceId`: an invoice or credit note as controlled, with the decisions the caller may take on it. */
export function InvoicePage() {
  const { t } = useTranslation()
  const { invoiceId = '' } = useParams()
  return (
    <ItemStates
      query={useInvoice(invoiceId)}
      notFound={{ title: t('invoices.notFoundTitle'), text: t('invoices.notFound'), backTo: '/contracts', backLabel: t('contracts.backToList') }}
    >
      {(invoice) => <InvoiceView invoice={invoice} />}
    </ItemStates>
  )
}
