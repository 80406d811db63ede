import { NativeSelect } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { sessionKey, useUser } from '../hooks/session'
import { tenantStore, useSelectedTenant } from '../tenant'

/** For provider users: which client's data the /api calls are about, or all of them at once. */
export function TenantSwitcher() {
  const { t } = useTranslation()
  const user = useUser()
  const selected = useSelectedTenant()
  const queryClient = useQueryClient()
  if (user.organisation.kind !== 'provider') return null

  function select(tenantId: string) {
    tenantStore.set(tenantId === '' ? null : tenantId)
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] })
  }

  return (
    <NativeSelect
      aria-label={t('tenant.label')}
      value={selected ?? ''}
      onChange={(event) => select(event.currentTarget.value)}
      data={[
        { value: '', label: t('tenant.all') },
        ...user.tenants.map((tenant) => ({ value: tenant.id, label: tenant.name })),
      ]}
      miw={200}
    />
  )
}
