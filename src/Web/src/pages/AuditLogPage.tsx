import { Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { AuditTrail } from '../components/AuditTrail'
import { useAuditLog } from '../hooks/audit'

export function AuditLogPage() {
  const { t } = useTranslation()
  const audit = useAuditLog()
  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <AuditTrail query={audit} entries={audit.data?.pages.flatMap((page) => page.items) ?? []} emptyDescription={t('audit.empty')} />
    </Stack>
  )
}
