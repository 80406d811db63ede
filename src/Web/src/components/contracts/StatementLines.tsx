import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatAmount, useFormatDateTime, useFormatMonth } from '../../format'
import { usePenaltyLineText, useStatementLineName } from '../../hooks/penaltyLineText'
import type { LineAction, LineDecision, Statement, StatementLine } from '../../hooks/statements'
import { ticketPageUrl } from '../../hooks/tickets'

/** A breach links to its ticket; a success-rate credit and an availability band say their figures against the rule's. */
function LineText({ line }: { line: StatementLine }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  const { describe, clockName, instant } = usePenaltyLineText(formatDateTime)
  const { detail } = line
  if (detail.kind !== 'breach') return <Text size="sm">{describe(detail)}</Text>
  const number = line.ticketNumber
  return (
    <Group gap={6} wrap="wrap">
      {line.ticketId ? (
        <Anchor component={Link} to={ticketPageUrl(line.ticketId)} size="sm" fw={600} aria-label={number == null ? undefined : t('tickets.numbered', { number })}>
          {number == null ? t('statements.ticketNotNumbered') : `#${number}`}
        </Anchor>
      ) : (
        <Text size="sm" fw={600}>
          {number == null ? t('statements.ticketNotNumbered') : `#${number}`}
        </Text>
      )}
      <Text size="sm">
        {t(detail.rule ? 'statements.lines.breach' : 'statements.lines.breachNoRule', {
          priority: detail.priority,
          clock: clockName(detail.clock),
          at: instant(detail.breachedAt),
        })}
      </Text>
    </Group>
  )
}

/** Who contested the line and why, then the client's answer (or a waiver given outright). */
function DecisionText({ decision }: { decision: LineDecision }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  const when = (at: string | null | undefined) => (at ? formatDateTime(at) : '—')
  return (
    <Stack gap={2}>
      {decision.contestedBy && (
        <Text size="xs">
          {t('statements.decisions.contested', { name: decision.contestedBy, date: when(decision.contestedAt), reason: decision.contestReason ?? '' })}
        </Text>
      )}
      {decision.status === 'contested' ? (
        <Badge size="sm" color="orange" variant="light">
          {t('statements.awaitingAnswer')}
        </Badge>
      ) : (
        <Text size="xs">{t(`statements.decisions.${decision.status}`, { name: decision.decidedBy ?? '—', date: when(decision.decidedAt), reason: decision.reason ?? '' })}</Text>
      )}
    </Stack>
  )
}

interface Props {
  statement: Statement
  /** What the caller may do on each line; none on an issued statement. */
  actionsOf: (line: StatementLine) => LineAction[]
  onAction: (line: StatementLine, action: LineAction) => void
}

/**
 * A statement's lines in the order the statement engine gives them (breaches in franchise order, then success rates,
 * then availability): each with its amount, its free or waived mark and the decision taken on it. Each row is named
 * by its line, and so are its buttons ("Waive: ticket 1042 (Resolution)").
 */
export function StatementLines({ statement, actionsOf, onAction }: Props) {
  const { t } = useTranslation()
  const formatAmount = useFormatAmount()
  const formatMonth = useFormatMonth()
  const lineName = useStatementLineName()
  const withActions = statement.status === 'draft' && statement.lines.some((line) => actionsOf(line).length > 0)
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label={t('statements.linesOf', { month: formatMonth(statement.month) })} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('statements.line')}</Table.Th>
            <Table.Th ta="right">{t('statements.amount')}</Table.Th>
            <Table.Th>{t('statements.decision')}</Table.Th>
            {withActions && <Table.Th>{t('statements.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {statement.lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={withActions ? 4 : 3}>{t('statements.noLine')}</Table.Td>
            </Table.Tr>
          )}
          {statement.lines.map((line) => {
            const name = lineName(line)
            const free = line.detail.free === true
            return (
              <Table.Tr key={line.key} aria-label={name}>
                <Table.Td>
                  <LineText line={line} />
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" td={free || line.waived ? 'line-through' : undefined} c={free || line.waived ? 'dimmed' : undefined}>
                    {formatAmount(line.detail.amount)}
                  </Text>
                  {free && (
                    <Badge size="sm" variant="light" color="gray">
                      {t('statements.free')}
                    </Badge>
                  )}
                  {line.waived && (
                    <Badge size="sm" variant="light" color="teal">
                      {t('statements.waived')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{line.decision ? <DecisionText decision={line.decision} /> : <Text span c="dimmed">—</Text>}</Table.Td>
                {withActions && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {actionsOf(line).map((action) => (
                        <Button
                          key={action}
                          size="xs"
                          variant={action === 'contest' ? 'light' : 'filled'}
                          aria-label={t('statements.actionOf', { action: t(`statements.actionNames.${action}`), line: name })}
                          onClick={() => onAction(line, action)}
                        >
                          {t(`statements.actionNames.${action}`)}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
