import { Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatDateTime } from '../../format'

/** What someone wrote in a review, as they wrote it (line breaks kept), with who and when. */
export function AuthoredText({ text, author, at }: { text: string; author: string; at: string }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  return (
    <Stack gap={2}>
      <Text size="sm" className="user-text">
        {text}
      </Text>
      <Text size="xs" c="dimmed">
        {t('reviews.byAt', { name: author, at: formatDateTime(at) })}
      </Text>
    </Stack>
  )
}
