import { Alert, Group, Stack, Text, Title } from '@mantine/core'
import { IconLock } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatDateTime, useFormatMonth } from '../../format'
import { useUser } from '../../hooks/session'
import { statementExportUrl, useStatement, type LineAction, type StatementLine } from '../../hooks/statements'
import { lineActions } from '../../statementRules'
import { ExportButtons } from '../ExportButtons'
import { ErrorAlert, Loading } from '../States'
import { LineDecisionDialog } from './LineDecisionDialog'
import { StatementLines } from './StatementLines'
import { StatementStatusBadge } from './StatementMonths'
import { StatementTotals } from './StatementTotals'

/**
 * One month's statement: its status (a draft changes with the facts; an issued one is frozen and offers no action),
 * its exports, its lines with what the caller may decide on them, and its totals.
 */
export function StatementPanel({ contractId, month }: { contractId: string; month: string }) {
  const { t } = useTranslation()
  const user = useUser()
  const formatMonth = useFormatMonth()
  const formatDateTime = useFormatDateTime()
  const statement = useStatement(contractId, month)
  const [deciding, setDeciding] = useState<{ line: StatementLine; action: LineAction } | null>(null)

  if (statement.isPending) return <Loading />
  if (statement.isError) return <ErrorAlert error={statement.error} onRetry={() => void statement.refetch()} />
  const shown = statement.data
  const headingId = `statement-${month}`
  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={3} size="h4" id={headingId}>
              {t('statements.title', { month: formatMonth(shown.month) })}
            </Title>
            <StatementStatusBadge status={shown.status} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('statements.basis', { version: shown.versionNumber, zone: shown.timeZone })}
          </Text>
        </Stack>
        <ExportButtons
          label={t('statements.exports')}
          formats={['csv', 'xlsx'] as const}
          hrefOf={(format) => statementExportUrl(contractId, shown.month, format)}
          labelOf={(format) => t(`statements.export.${format}`)}
        />
      </Group>
      {shown.status === 'issued' ? (
        <Alert color="gray" icon={<IconLock aria-hidden />}>
          {t('statements.frozen', { date: shown.issuedAt ? formatDateTime(shown.issuedAt) : '—' })}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          {t('statements.draft')}
        </Text>
      )}
      <StatementLines statement={shown} actionsOf={(line) => lineActions(shown, line, user)} onAction={(line, action) => setDeciding({ line, action })} />
      <StatementTotals statement={shown} />
      <LineDecisionDialog contractId={contractId} month={shown.month} current={deciding} onClose={() => setDeciding(null)} />
    </Stack>
  )
}
