import { Badge, Button, Group, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatDate } from '../../format'
import type { ReviewHeader, ReviewSummary } from '../../hooks/reviews'

export function ReviewStatusBadge({ header }: { header: ReviewHeader }) {
  const { t } = useTranslation()
  return (
    <Badge color={header.status === 'closed' ? 'gray' : 'blue'} variant="light">
      {t(`reviews.statuses.${header.status}`)}
    </Badge>
  )
}

/** The contract's reviews, latest first: period, meeting, status, whose approval it awaits, the plan still to do. */
export function ReviewList({ reviews, onOpen }: { reviews: ReviewSummary[]; onOpen: (reviewId: string) => void }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label={t('reviews.list')} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reviews.number')}</Table.Th>
            <Table.Th>{t('reviews.period')}</Table.Th>
            <Table.Th>{t('reviews.meetingOn')}</Table.Th>
            <Table.Th>{t('reviews.status')}</Table.Th>
            <Table.Th>{t('reviews.actions.pending')}</Table.Th>
            <Table.Th>{t('reviews.actions.overdue')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reviews.map(({ header, pendingActions, overdueActions }) => (
            <Table.Tr key={header.id}>
              <Table.Td>{header.number}</Table.Td>
              <Table.Td>
                <Text inherit fw={500}>
                  {header.period}
                </Text>
                {header.title && (
                  <Text size="xs" c="dimmed">
                    {header.title}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{header.meetingOn ? formatDate(header.meetingOn) : '—'}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <ReviewStatusBadge header={header} />
                  {header.awaitingSide && (
                    <Text size="xs" c="dimmed">
                      {t(`reviews.approval.awaiting.${header.awaitingSide}`)}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{pendingActions}</Table.Td>
              <Table.Td>
                {overdueActions > 0 ? (
                  <Badge color="red" variant="light">
                    {overdueActions}
                  </Badge>
                ) : (
                  0
                )}
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" aria-label={t('reviews.open', { period: header.period })} onClick={() => onOpen(header.id)}>
                  {t('reviews.openShort')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
