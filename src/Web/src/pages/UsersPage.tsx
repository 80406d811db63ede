import { Badge, Button, EmptyState, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconUserPlus, IconUsers } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formFailure } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { FormModal } from '../components/FormModal'
import { InviteForm } from '../components/InviteForm'
import { ListCard, ResponsiveList } from '../components/ResponsiveList'
import { RoleBadges } from '../components/RoleBadges'
import { RoleCheckboxes } from '../components/RoleCheckboxes'
import { ErrorAlert, ListStates } from '../components/States'
import { errorMessage } from '../errorMessage'
import { useFormatDateTime } from '../format'
import { useUser } from '../hooks/session'
import { useUnsavedChanges } from '../hooks/unsavedChanges'
import { useInviteUser, useSetUserActive, useUnlockUser, useUpdateRoles, useUsers, type User, type UserStatus } from '../hooks/users'
import { rolesByKind } from '../roles'
import { FormActions } from '../components/FormActions'

const statusColor: Record<UserStatus, string> = { invited: 'blue', active: 'teal', deactivated: 'gray' }

function EditRolesForm({ user, options, onClose }: { user: User; options: readonly string[]; onClose: () => void }) {
  const { t } = useTranslation()
  const updateRoles = useUpdateRoles()
  const [roles, setRoles] = useState<string[]>(user.roles)
  useUnsavedChanges([...roles].sort().join() !== [...user.roles].sort().join())
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    if (roles.length === 0) {
      setErrors({ roles: t('validation.oneRole') })
      return
    }
    setErrors({})
    updateRoles.mutate(
      { id: user.id, roles },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('users.rolesSaved', { name: user.displayName }) })
          onClose()
        },
        onError: (error) => {
          const outcome = formFailure(error, ['roles'])
          setErrors(outcome.errors)
          setFailure(outcome.failure)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <RoleCheckboxes options={options} value={roles} onChange={setRoles} error={errors.roles} />
        {failure && <ErrorAlert error={failure} />}
        <FormActions onCancel={onClose} loading={updateRoles.isPending} submitLabel={t('common.save')} />
      </Stack>
    </form>
  )
}

export function UsersPage() {
  const { t } = useTranslation()
  const me = useUser()
  const users = useUsers()
  const invite = useInviteUser()
  const setActive = useSetUserActive()
  const unlock = useUnlockUser()
  const formatDateTime = useFormatDateTime()
  const [inviting, setInviting] = useState(false)
  const [editing, setEditing] = useState<User | null>(null)
  const [deactivating, setDeactivating] = useState<User | null>(null)
  const roleOptions = rolesByKind[me.organisation.kind]

  function reactivate(user: User) {
    setActive.mutate(
      { id: user.id, active: true },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('users.reactivated', { name: user.displayName }) }),
        onError: (error) => notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(error, t) }),
      },
    )
  }

  function unlockUser(user: User) {
    unlock.mutate(user.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('users.unlocked', { name: user.displayName }) }),
      onError: (error) => notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(error, t) }),
    })
  }

  function deactivate(user: User) {
    setActive.mutate(
      { id: user.id, active: false },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('users.deactivated', { name: user.displayName }) })
          setDeactivating(null)
        },
      },
    )
  }

  function closeDeactivate() {
    setDeactivating(null)
    setActive.reset()
  }

  const statusOf = (user: User) =>
    user.lockedUntil && user.status === 'active' ? (
      <Tooltip label={t('users.lockedHelp')}>
        <Badge color="orange">{t('users.locked', { until: formatDateTime(user.lockedUntil) })}</Badge>
      </Tooltip>
    ) : (
      <Badge color={statusColor[user.status]}>{t(`users.statuses.${user.status}`)}</Badge>
    )
  const actionsOf = (user: User) => (
    <Group gap="xs">
      <Button
        size="xs"
        variant="default"
        aria-label={t('users.editRolesOf', { name: user.displayName })}
        onClick={() => setEditing(user)}
      >
        {t('users.editRoles')}
      </Button>
      {user.lockedUntil && (
        <Button
          size="xs"
          variant="light"
          color="orange"
          aria-label={t('users.unlockUser', { name: user.displayName })}
          loading={unlock.isPending && unlock.variables === user.id}
          onClick={() => unlockUser(user)}
        >
          {t('users.unlock')}
        </Button>
      )}
      {user.status === 'deactivated' ? (
        <Button
          size="xs"
          variant="light"
          aria-label={t('users.reactivateUser', { name: user.displayName })}
          loading={setActive.isPending && setActive.variables.id === user.id}
          onClick={() => reactivate(user)}
        >
          {t('users.reactivate')}
        </Button>
      ) : (
        user.id !== me.id && (
          <Button
            size="xs"
            variant="light"
            color="red"
            aria-label={t('users.deactivateUser', { name: user.displayName })}
            onClick={() => {
              setActive.reset()
              setDeactivating(user)
            }}
          >
            {t('users.deactivate')}
          </Button>
        )
      )}
    </Group>
  )

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('users.title')}</Title>
        <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setInviting(true)}>
          {t('users.invite')}
        </Button>
      </Group>

      <ListStates
        query={users}
        empty={
          <EmptyState icon={<IconUsers aria-hidden />} title={t('users.emptyTitle')} description={t('users.empty')} />
        }
      >
        {(items) => (
          <ResponsiveList
            items={items}
            keyOf={(user) => user.id}
            label={t('users.caption')}
            card={(user) => (
              <ListCard
                title={<Text fw={600}>{user.displayName}</Text>}
                badges={statusOf(user)}
                details={[
                  { label: t('fields.email'), value: user.email },
                  { label: t('fields.roles'), value: <RoleBadges roles={user.roles} /> },
                  { label: t('users.lastLogin'), value: user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never') },
                ]}
                actions={actionsOf(user)}
              />
            )}
            table={
              <Table.ScrollContainer minWidth={900}>
                <Table striped highlightOnHover verticalSpacing="sm">
                  <Table.Caption>{t('users.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('fields.displayName')}</Table.Th>
                      <Table.Th>{t('fields.email')}</Table.Th>
                      <Table.Th>{t('fields.roles')}</Table.Th>
                      <Table.Th>{t('users.status')}</Table.Th>
                      <Table.Th>{t('users.lastLogin')}</Table.Th>
                      <Table.Th>{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((user) => (
                      <Table.Tr key={user.id}>
                        <Table.Td>{user.displayName}</Table.Td>
                        <Table.Td>{user.email}</Table.Td>
                        <Table.Td>
                          <RoleBadges roles={user.roles} />
                        </Table.Td>
                        <Table.Td>{statusOf(user)}</Table.Td>
                        <Table.Td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never')}</Table.Td>
                        <Table.Td>{actionsOf(user)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            }
          />
        )}
      </ListStates>

      <FormModal opened={inviting} onClose={() => setInviting(false)} title={t('users.inviteTitle')}>
        <InviteForm roleOptions={roleOptions} pending={invite.isPending} onSubmit={(invitation) => invite.mutateAsync(invitation)} onClose={() => setInviting(false)} />
      </FormModal>

      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t('users.editRolesOf', { name: editing.displayName }) : ''}>
        {editing && <EditRolesForm user={editing} options={roleOptions} onClose={() => setEditing(null)} />}
      </FormModal>

      <ConfirmDialog
        opened={deactivating !== null}
        title={t('users.deactivateTitle')}
        message={deactivating ? t('users.deactivateConfirm', { name: deactivating.displayName }) : ''}
        confirmLabel={t('users.deactivate')}
        pending={setActive.isPending}
        error={setActive.error}
        onConfirm={() => deactivating && deactivate(deactivating)}
        onClose={closeDeactivate}
      />
    </Stack>
  )
}
