import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from './LanguageSwitch'

/** The card of the pages a visitor reaches before signing in: the product's name, the language switch, a title. */
export function SignInCard({ title, width, children }: { title: string; width: number; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={width}>
        <Stack>
          <Group justify="space-between" align="center">
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
            <LanguageSwitch />
          </Group>
          <Title order={1} size="h2">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  )
}
