import { Anchor, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

/** Shown when a user opens the address of a page its roles do not give access to. */
export function ForbiddenPage() {
  const { t } = useTranslation()
  return (
    <Stack>
      <Title order={1}>{t('forbidden.title')}</Title>
      <Text>{t('forbidden.message')}</Text>
      <Anchor component={Link} to="/">
        {t('common.backHome')}
      </Anchor>
    </Stack>
  )
}
