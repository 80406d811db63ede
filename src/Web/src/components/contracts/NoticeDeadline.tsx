import { Group, Text, ThemeIcon } from '@mantine/core'
import { IconAlarm } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { daysUntil, useFormatDate } from '../../format'
import { textColor } from '../../theme'

/** The notice deadline shows as urgent this many days before: the last day to terminate comes quickly. */
export const noticeWarningDays = 90

/** The last day to give notice; highlighted, with the days left, when it is near. */
export function NoticeDeadline({ date }: { date: string | null | undefined }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  if (!date) return <Text span c="dimmed">{t('contracts.noDeadline')}</Text>
  const days = daysUntil(date)
  const near = days >= 0 && days <= noticeWarningDays
  if (!near) return <time dateTime={date}>{formatDate(date)}</time>
  return (
    <Group gap={6} wrap="nowrap" component="span" className="notice-near">
      <ThemeIcon size="sm" color="orange" variant="light" aria-hidden>
        <IconAlarm size={14} />
      </ThemeIcon>
      <Text span fw={700} c={textColor('orange')}>
        <time dateTime={date}>{formatDate(date)}</time> {t('contracts.inDays', { count: days })}
      </Text>
    </Group>
  )
}
