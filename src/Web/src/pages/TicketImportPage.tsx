import { Alert, Anchor, Button, Code, Group, Input, List, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconUpload } from '@tabler/icons-react'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ApiError } from '../api'
import { ImportReport } from '../components/ImportReport'
import { ErrorAlert } from '../components/States'
import { useContract } from '../hooks/contracts'
import { ticketLocation } from '../hooks/ticketText'
import { ticketPageUrl, useImportTickets, type ImportResult } from '../hooks/tickets'

function ImportDone({ result, contractId }: { result: ImportResult; contractId: string }) {
  const { t } = useTranslation()
  return (
    <Alert color="teal" title={t('tickets.import.done', { count: result.imported })} role="status">
      <Stack gap="xs">
        <Anchor component={Link} to={`/tickets?contract=${encodeURIComponent(contractId)}`}>
          {t('tickets.import.seeTickets')}
        </Anchor>
        {result.tickets.length > 0 && (
          <Table.ScrollContainer minWidth={300} maxHeight={300}>
            <Table verticalSpacing={4}>
              <Table.Caption>{t('tickets.import.importedCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tickets.number')}</Table.Th>
                  <Table.Th>{t('tickets.externalReference')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.tickets.map((ticket) => (
                  <Table.Tr key={ticket.id}>
                    <Table.Td>
                      <Anchor component={Link} to={ticketPageUrl(ticket.id)}>
                        #{ticket.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{ticket.externalReference ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Alert>
  )
}

/**
 * Takes over the outgoing provider's ticket history for a contract: a CSV or JSON file, imported whole or not at
 * all; what the service refuses is listed line by line.
 */
export function TicketImportPage() {
  const { t } = useTranslation()
  const { contractId = '' } = useParams()
  const contract = useContract(contractId)
  const importTickets = useImportTickets(contractId)
  const fileId = useId()
  const [file, setFile] = useState<File | null>(null)
  const [missing, setMissing] = useState<string | null>(null)
  const [report, setReport] = useState<Record<string, string[]> | null>(null)
  const [failure, setFailure] = useState<Error | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setReport(null)
    setFailure(null)
    setResult(null)
    setMissing(file ? null : t('tickets.import.chooseFile'))
    if (!file) return
    importTickets.mutate(file, {
      onSuccess: (answer) => setResult(answer),
      onError: (error) => {
        const errors = error instanceof ApiError && error.status === 422 ? error.problem?.errors : undefined
        if (errors && Object.keys(errors).length > 0) setReport(errors)
        else setFailure(error)
      },
    })
  }

  const contractPage = `/contracts/${encodeURIComponent(contractId)}`
  return (
    <Stack>
      <Anchor component={Link} to={contractPage} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('tickets.import.backToContract')}
        </Group>
      </Anchor>
      <Stack gap={0}>
        <Title order={1}>{t('tickets.import.title')}</Title>
        {contract.data && (
          <Text c="dimmed">
            {contract.data.reference} — {contract.data.title}
          </Text>
        )}
      </Stack>
      {contract.isError && <ErrorAlert error={contract.error} onRetry={() => void contract.refetch()} />}
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">{t('tickets.import.help')}</Text>
            <List size="sm">
              <List.Item>{t('tickets.import.csvHelp')}</List.Item>
              <List.Item>
                {t('tickets.import.jsonHelp')} <Code>{'{ "tickets": [ … ] }'}</Code>
              </List.Item>
            </List>
            <Input.Wrapper id={fileId} label={t('tickets.import.file')} withAsterisk error={missing} description={t('tickets.import.fileHelp')}>
              <input
                id={fileId}
                className="file-input"
                type="file"
                accept=".csv,.json,text/csv,application/json"
                aria-invalid={missing !== null}
                onChange={(event) => {
                  setFile(event.currentTarget.files?.[0] ?? null)
                  setReport(null)
                  setResult(null)
                }}
              />
            </Input.Wrapper>
            {report && <ImportReport errors={report} locate={(key) => ticketLocation(key, t)} />}
            {failure && <ErrorAlert error={failure} />}
            {result && <ImportDone result={result} contractId={contractId} />}
            <Group>
              <Button type="submit" leftSection={<IconUpload size={16} aria-hidden />} loading={importTickets.isPending}>
                {t('tickets.import.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  )
}
