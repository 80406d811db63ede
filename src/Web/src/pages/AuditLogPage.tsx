import { Stack, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actionsOf } from '../auditText'
import { AuditTrail } from '../components/AuditTrail'
import { useAuditLog, type AuditFilter } from '../hooks/audit'

export function AuditLogPage() {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<AuditFilter>({})
  const audit = useAuditLog(filter)
  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <AuditTrail
        query={audit}
        entries={audit.data?.pages.flatMap((page) => page.items) ?? []}
        emptyDescription={t('audit.empty')}
        actions={actionsOf('administration')}
        filter={filter}
        onFilter={setFilter}
        exportPath="/api/identity/audit/export"
      />
    </Stack>
  )
}
