import { Alert, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconCheck, IconLock } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatDate, useFormatDateTime, useFormatMonth } from '../../format'
import type { ContractDetail } from '../../hooks/contracts'
import { exportFormats } from '../../hooks/reporting'
import { reviewExportUrl, useApproveReview, useReview, useReviewBusy, type Review } from '../../hooks/reviews'
import { useUser } from '../../hooks/session'
import { isContractManager, sideOf, type Side } from '../../roles'
import { ExportButtons } from '../ExportButtons'
import { ErrorAlert, ItemStates } from '../States'
import { ActionPlan } from './ActionPlan'
import { ReviewComments } from './ReviewComments'
import { ReviewStatusBadge } from './ReviewList'
import { ReviewPoints } from './ReviewPoints'
import { ScorecardFigures } from './ScorecardFigures'

const sides: readonly Side[] = ['client', 'provider']

/** Each side's approval (who, when) and, for the caller's side, the approval of the minutes as read. */
function Approvals({ contractId, review, canWrite }: { contractId: string; review: Review; canWrite: boolean }) {
  const { t } = useTranslation()
  const user = useUser()
  const formatDateTime = useFormatDateTime()
  const approve = useApproveReview(contractId, review.header.id)
  const busy = useReviewBusy(contractId, review.header.id)
  const { header } = review
  const mySide = sideOf(user)
  const mine = mySide ? header.approvals[mySide] : null
  return (
    <Card withBorder component="section" aria-label={t('reviews.approval.title')}>
      <Group justify="space-between" align="flex-start">
        <SimpleGrid cols={2} spacing="lg">
          {sides.map((side) => {
            const approval = header.approvals[side]
            return (
              <div key={side}>
                <Text size="sm" c="dimmed">
                  {t(`reviews.sides.${side}`)}
                </Text>
                <Text fw={500}>
                  {approval
                    ? t('reviews.approval.by', { name: approval.by, at: formatDateTime(approval.at) })
                    : header.awaitingSide === side
                      ? t('reviews.approval.awaited')
                      : t('reviews.approval.none')}
                </Text>
              </div>
            )
          })}
        </SimpleGrid>
        {canWrite && !mine && (
          <Button leftSection={<IconCheck size={16} aria-hidden />} loading={approve.isPending} disabled={busy} onClick={() => approve.mutate(header.version)}>
            {t('reviews.approval.approve')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('reviews.approval.help')}
      </Text>
      {approve.error && <ErrorAlert error={approve.error} />}
    </Card>
  )
}

/** The frozen figures: the period's totals, or one of its months. */
function Snapshot({ review }: { review: Review }) {
  const { t } = useTranslation()
  const formatMonth = useFormatMonth()
  const formatDateTime = useFormatDateTime()
  const { snapshot } = review
  const [shown, setShown] = useState('totals')
  const month = snapshot.months.find((m) => m.month === shown)
  return (
    <Stack gap="sm" component="section" aria-label={t('reviews.snapshot.title')}>
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('reviews.snapshot.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reviews.snapshot.takenAt', { at: formatDateTime(snapshot.takenAt) })}
        </Text>
      </Group>
      {snapshot.months.length > 1 && (
        <SegmentedControl
          value={shown}
          onChange={setShown}
          data={[{ value: 'totals', label: t('reviews.snapshot.totals') }, ...snapshot.months.map((m) => ({ value: m.month, label: formatMonth(m.month) }))]}
        />
      )}
      {!snapshot.totals.complete && <Alert color="gray">{t('reviews.snapshot.incomplete')}</Alert>}
      <ScorecardFigures figures={month ?? snapshot.totals} slaCaption={t('reviews.snapshot.sla')} />
    </Stack>
  )
}

function Workspace({ contract, review }: { contract: ContractDetail; review: Review }) {
  const { t } = useTranslation()
  const user = useUser()
  const formatDate = useFormatDate()
  const formatDateTime = useFormatDateTime()
  const { header } = review
  const closed = header.status === 'closed'
  const canWrite = !closed && isContractManager(user)
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={2} size="h3">
              {t('reviews.heading', { number: header.number, period: header.period })}
            </Title>
            <ReviewStatusBadge header={header} />
          </Group>
          {header.title && <Text>{header.title}</Text>}
          <Text size="sm" c="dimmed">
            {t('reviews.preparedBy', { name: header.preparedBy, at: formatDateTime(header.preparedAt), side: t(`reviews.sides.${header.preparedSide}`) })}
            {header.meetingOn && ` · ${t('reviews.meeting', { date: formatDate(header.meetingOn) })}`}
          </Text>
        </Stack>
        <ExportButtons
          label={t('reviews.exports')}
          formats={exportFormats}
          hrefOf={(format) => reviewExportUrl(contract.id, header.id, format)}
          labelOf={(format) => t(`reporting.export.${format}`)}
        />
      </Group>
      {closed && (
        <Alert color="gray" icon={<IconLock aria-hidden />} role="status">
          {t('reviews.closed', { at: header.closedAt ? formatDateTime(header.closedAt) : '—' })}
        </Alert>
      )}
      <Approvals contractId={contract.id} review={review} canWrite={canWrite} />
      <Snapshot review={review} />
      <ReviewComments contractId={contract.id} review={review} canWrite={canWrite} />
      <ReviewPoints contractId={contract.id} review={review} kind="decisions" canWrite={canWrite} />
      <ReviewPoints contractId={contract.id} review={review} kind="improvements" canWrite={canWrite} />
      <ActionPlan contractId={contract.id} review={review} canWrite={canWrite} />
    </Stack>
  )
}

/** A review whole: its header and approvals, the frozen figures, both sides' comments, decisions, axes and plan. */
export function ReviewWorkspace({ contract, reviewId }: { contract: ContractDetail; reviewId: string }) {
  const { t } = useTranslation()
  return (
    <ItemStates
      query={useReview(contract.id, reviewId)}
      notFound={{ title: t('reviews.notFoundTitle'), text: t('reviews.notFound'), backTo: `/contracts/${encodeURIComponent(contract.id)}?tab=reviews`, backLabel: t('reviews.backToList') }}
    >
      {(review) => <Workspace contract={contract} review={review} />}
    </ItemStates>
  )
}
