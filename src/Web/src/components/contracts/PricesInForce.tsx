import { Card, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatAmount, useFormatDate, useFormattingLocale } from '../../format'
import { usePricesInForce, type IndexUsed } from '../../hooks/prices'
import { ErrorAlert, Loading } from '../States'

function IndexText({ index }: { index: IndexUsed }) {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  const value = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).format(index.value)
  return <>{t('prices.index', { month: index.month, value, series: t(`prices.series.${index.series}`) })}</>
}

/**
 * The prices in force today on a signed contract: the version's prices (P0) beside the revised ones, and the
 * revision that made them — the anniversary, S0 and S with their series, and the linking coefficient when the two
 * indices are in different series.
 */
export function PricesInForce({ contractId, signed }: { contractId: string; signed: boolean }) {
  const { t } = useTranslation()
  const locale = useFormattingLocale()
  const formatAmount = useFormatAmount()
  const formatDate = useFormatDate()
  const prices = usePricesInForce(contractId, signed)
  if (!signed) return null
  if (prices.isPending) return <Loading />
  if (prices.isError) return <ErrorAlert error={prices.error} onRetry={() => void prices.refetch()} />
  const { revision } = prices.data
  const rows = [
    { key: 'fee', label: t('prices.monthlyFee'), ...prices.data.monthlyFee },
    ...prices.data.workUnits.map((unit) => ({ key: unit.code, label: `${unit.code} — ${unit.label}`, base: unit.base, inForce: unit.inForce })),
  ]
  return (
    <Card withBorder component="section" aria-labelledby="prices-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="prices-title">
          {t('prices.title')}
        </Title>
        <Text size="sm">
          {t('prices.since', { date: formatDate(prices.data.effectiveOn), number: prices.data.versionNumber })}
        </Text>
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prices.item')}</Table.Th>
                <Table.Th ta="right">{t('prices.base')}</Table.Th>
                <Table.Th ta="right">{t('prices.inForce')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{row.label}</Table.Td>
                  <Table.Td ta="right">{formatAmount(row.base)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatAmount(row.inForce)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!revision ? (
          <Text size="sm" c="dimmed">
            {t('prices.noClause')}
          </Text>
        ) : !revision.anniversary || !revision.s ? (
          <Text size="sm" c="dimmed">
            {t('prices.notYetRevised', { date: formatDate(revision.nextAnniversary) })}
          </Text>
        ) : (
          <Stack gap={4}>
            <Text size="sm">
              {t('prices.formula', {
                date: formatDate(revision.anniversary),
                a: revision.a.toLocaleString(locale),
                b: revision.b.toLocaleString(locale),
              })}
            </Text>
            {revision.s0 && (
              <Text size="sm">
                {t('prices.s0')} <IndexText index={revision.s0} />
              </Text>
            )}
            <Text size="sm">
              {t('prices.s')} <IndexText index={revision.s} />
            </Text>
            {revision.coefficient !== undefined && revision.coefficient !== 1 && (
              <Text size="sm">{t('prices.coefficient', { value: revision.coefficient.toLocaleString(locale, { maximumFractionDigits: 5 }) })}</Text>
            )}
            <Text size="sm" c="dimmed">
              {t('prices.next', { date: formatDate(revision.nextAnniversary) })}
            </Text>
          </Stack>
        )}
      </Stack>
    </Card>
  )
}
