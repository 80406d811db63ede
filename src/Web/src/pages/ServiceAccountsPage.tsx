import { Alert, Badge, Button, Code, EmptyState, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle, IconKey, IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formFailure } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { CopyableValue } from '../components/CopyableValue'
import { ListCard, ResponsiveList } from '../components/ResponsiveList'
import { RoleBadges } from '../components/RoleBadges'
import { RoleCheckboxes } from '../components/RoleCheckboxes'
import { ErrorAlert, ListStates } from '../components/States'
import { FormModal } from '../components/FormModal'
import { useFormatDateTime } from '../format'
import { useUser } from '../hooks/session'
import { useUnsavedChanges } from '../hooks/unsavedChanges'
import {
  useCreateServiceAccount,
  useRevokeServiceAccount,
  useServiceAccounts,
  type CreatedServiceAccount,
  type ServiceAccount,
} from '../hooks/serviceAccounts'
import { rolesByKind } from '../roles'
import { FormActions } from '../components/FormActions'

function CreateServiceAccountForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const me = useUser()
  const create = useCreateServiceAccount()
  const [name, setName] = useState('')
  const [roles, setRoles] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)
  const [created, setCreated] = useState<CreatedServiceAccount | null>(null)
  useUnsavedChanges(created === null && (name !== '' || roles.length > 0))

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (name.trim() === '') missing.name = t('validation.required')
    if (roles.length === 0) missing.roles = t('validation.oneRole')
    setErrors(missing)
    setFailure(null)
    if (Object.keys(missing).length > 0) return
    create.mutate(
      { name: name.trim(), roles },
      {
        onSuccess: setCreated,
        onError: (error) => {
          const outcome = formFailure(error, ['name', 'roles'])
          setErrors(outcome.errors)
          setFailure(outcome.failure)
        },
      },
    )
  }

  if (created) {
    return (
      <Stack>
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} title={t('serviceAccounts.keyOnceTitle')}>
          {t('serviceAccounts.keyOnce')}
        </Alert>
        <CopyableValue label={t('serviceAccounts.apiKey')} value={created.apiKey} copyLabel={t('serviceAccounts.copyKey')} />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.done')}</Button>
        </Group>
      </Stack>
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('fields.name')}
          description={t('serviceAccounts.nameHelp')}
          withAsterisk
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <RoleCheckboxes options={rolesByKind[me.organisation.kind]} value={roles} onChange={setRoles} error={errors.roles} />
        {failure && <ErrorAlert error={failure} />}
        <FormActions onCancel={onClose} loading={create.isPending} submitLabel={t('serviceAccounts.submit')} />
      </Stack>
    </form>
  )
}

export function ServiceAccountsPage() {
  const { t } = useTranslation()
  const accounts = useServiceAccounts()
  const revoke = useRevokeServiceAccount()
  const formatDateTime = useFormatDateTime()
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<ServiceAccount | null>(null)

  function confirmRevoke(account: ServiceAccount) {
    revoke.mutate(account.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('serviceAccounts.revoked', { name: account.name }) })
        setRevoking(null)
      },
    })
  }

  const statusOf = (account: ServiceAccount) => (
    account.revokedAt ? (
      <Badge color="gray">
        {t('serviceAccounts.revokedOn', { date: formatDateTime(account.revokedAt) })}
      </Badge>
    ) : (
      <Badge color="teal">
        {t('serviceAccounts.active')}
      </Badge>
    )
  )
  const actionsOf = (account: ServiceAccount) => (
    !account.revokedAt && (
      <Button
        size="xs"
        variant="light"
        color="red"
        aria-label={t('serviceAccounts.revokeAccount', { name: account.name })}
        onClick={() => {
          revoke.reset()
          setRevoking(account)
        }}
      >
        {t('serviceAccounts.revoke')}
      </Button>
    )
  )
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('serviceAccounts.title')}</Title>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
          {t('serviceAccounts.create')}
        </Button>
      </Group>
      <Text c="dimmed">{t('serviceAccounts.intro')}</Text>

      <ListStates
        query={accounts}
        empty={
          <EmptyState
            icon={<IconKey aria-hidden />}
            title={t('serviceAccounts.emptyTitle')}
            description={t('serviceAccounts.empty')}
          />
        }
      >
        {(items) => (
          <ResponsiveList
            items={items}
            keyOf={(account) => account.id}
            label={t('serviceAccounts.caption')}
            card={(account) => (
              <ListCard
                title={<Text fw={600}>{account.name}</Text>}
                badges={statusOf(account)}
                details={[
                  { label: t('fields.roles'), value: <RoleBadges roles={account.roles} /> },
                  { label: t('serviceAccounts.keyPrefix'), value: <Code>{account.keyPrefix}…</Code> },
                  { label: t('serviceAccounts.createdAt'), value: formatDateTime(account.createdAt) },
                  { label: t('serviceAccounts.lastUsedAt'), value: account.lastUsedAt ? formatDateTime(account.lastUsedAt) : t('serviceAccounts.neverUsed') },
                ]}
                actions={actionsOf(account)}
              />
            )}
            table={
              <Table.ScrollContainer minWidth={900}>
                <Table striped highlightOnHover verticalSpacing="sm">
                  <Table.Caption>{t('serviceAccounts.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('fields.name')}</Table.Th>
                      <Table.Th>{t('fields.roles')}</Table.Th>
                      <Table.Th>{t('serviceAccounts.keyPrefix')}</Table.Th>
                      <Table.Th>{t('serviceAccounts.createdAt')}</Table.Th>
                      <Table.Th>{t('serviceAccounts.lastUsedAt')}</Table.Th>
                      <Table.Th>{t('serviceAccounts.status')}</Table.Th>
                      <Table.Th>{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((account) => (
                      <Table.Tr key={account.id}>
                        <Table.Td>{account.name}</Table.Td>
                        <Table.Td>
                          <RoleBadges roles={account.roles} />
                        </Table.Td>
                        <Table.Td>
                          <Code>{account.keyPrefix}…</Code>
                        </Table.Td>
                        <Table.Td>{formatDateTime(account.createdAt)}</Table.Td>
                        <Table.Td>{account.lastUsedAt ? formatDateTime(account.lastUsedAt) : t('serviceAccounts.neverUsed')}</Table.Td>
                        <Table.Td>{statusOf(account)}</Table.Td>
                        <Table.Td>{actionsOf(account)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            }
          />
        )}
      </ListStates>

      <FormModal opened={creating} onClose={() => setCreating(false)} title={t('serviceAccounts.createTitle')}>
        <CreateServiceAccountForm onClose={() => setCreating(false)} />
      </FormModal>

      <ConfirmDialog
        opened={revoking !== null}
        title={t('serviceAccounts.revokeTitle')}
        message={revoking ? t('serviceAccounts.revokeConfirm', { name: revoking.name }) : ''}
        confirmLabel={t('serviceAccounts.revoke')}
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && confirmRevoke(revoking)}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  )
}
