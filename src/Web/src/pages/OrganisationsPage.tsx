import { Button, EmptyState, Group, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import type { TFunction } from 'i18next'
import { IconBuilding, IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formFailure } from '../api'
import { FormModal } from '../components/FormModal'
import { InviteForm } from '../components/InviteForm'
import { ListCard, ResponsiveList } from '../components/ResponsiveList'
import { ErrorAlert, ListStates } from '../components/States'
import { useFormatDateTime } from '../format'
import { useUnsavedChanges } from '../hooks/unsavedChanges'
import {
  useCreateOrganisation,
  useInviteOrganisationAdmin,
  useOrganisations,
  useRenameOrganisation,
  type Organisation,
} from '../hooks/organisations'
import { adminRoleByKind, rolesByKind } from '../roles'
import { FormActions } from '../components/FormActions'

type NewOrganisationKind = 'client' | 'provider'

/** Creates an organisation, or renames one when `organisation` is given. */
function OrganisationForm({ organisation, onClose }: { organisation?: Organisation; onClose: () => void }) {
  const { t } = useTranslation()
  const create = useCreateOrganisation()
  const rename = useRenameOrganisation()
  const [name, setName] = useState(organisation?.name ?? '')
  const [kind, setKind] = useState<NewOrganisationKind>('client')
  useUnsavedChanges(name !== (organisation?.name ?? '') || kind !== 'client')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    if (name.trim() === '') {
      setErrors({ name: t('validation.required') })
      return
    }
    setErrors({})
    const callbacks = {
      onSuccess: (saved: Organisation) => {
        notifications.show({ color: 'teal', message: t('organisations.saved', { name: saved.name }) })
        onClose()
      },
      onError: (error: Error) => {
        const outcome = formFailure(error, ['name', 'kind'])
        setErrors(outcome.errors)
        setFailure(outcome.failure)
      },
    }
    if (organisation) rename.mutate({ id: organisation.id, name: name.trim() }, callbacks)
    else create.mutate({ name: name.trim(), kind }, callbacks)
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('fields.name')}
          withAsterisk
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        {!organisation && (
          <Radio.Group
            label={t('organisations.kind')}
            withAsterisk
            value={kind}
            onChange={(value) => setKind(value === 'provider' ? 'provider' : 'client')}
            error={errors.kind}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="client" label={t('organisationKinds.client')} />
              <Radio value="provider" label={t('organisationKinds.provider')} />
            </Stack>
          </Radio.Group>
        )}
        {failure && <ErrorAlert error={failure} />}
        <FormActions onCancel={onClose} loading={create.isPending || rename.isPending} submitLabel={organisation ? t('common.save') : t('organisations.submit')} />
      </Stack>
    </form>
  )
}

type Dialog = { kind: 'create' } | { kind: 'rename'; organisation: Organisation } | { kind: 'invite'; organisation: Organisation }

function dialogTitle(dialog: Dialog, t: TFunction): string {
  switch (dialog.kind) {
    case 'create':
      return t('organisations.createTitle')
    case 'rename':
      return t('organisations.renameTitle', { name: dialog.organisation.name })
    case 'invite':
      return t('organisations.inviteTitle', { name: dialog.organisation.name })
  }
}

export function OrganisationsPage() {
  const { t } = useTranslation()
  const organisations = useOrganisations()
  const inviteAdmin = useInviteOrganisationAdmin()
  const formatDateTime = useFormatDateTime()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const close = () => setDialog(null)

  const actionsOf = (organisation: Organisation) => (
    <Group gap="xs">
      <Button
        size="xs"
        variant="default"
        aria-label={t('organisations.renameTitle', { name: organisation.name })}
        onClick={() => setDialog({ kind: 'rename', organisation })}
      >
        {t('organisations.rename')}
      </Button>
      {organisation.kind !== 'platform' && (
        <Button
          size="xs"
          variant="light"
          aria-label={t('organisations.inviteTitle', { name: organisation.name })}
          onClick={() => setDialog({ kind: 'invite', organisation })}
        >
          {t('organisations.inviteAdmin')}
        </Button>
      )}
    </Group>
  )
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('organisations.title')}</Title>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
          {t('organisations.create')}
        </Button>
      </Group>

      <ListStates
        query={organisations}
        empty={
          <EmptyState
            icon={<IconBuilding aria-hidden />}
            title={t('organisations.emptyTitle')}
            description={t('organisations.empty')}
          />
        }
      >
        {(items) => (
          <ResponsiveList
            items={items}
            keyOf={(organisation) => organisation.id}
            label={t('organisations.caption')}
            card={(organisation) => (
              <ListCard
                title={<Text fw={600}>{organisation.name}</Text>}
                details={[
                  { label: t('organisations.kind'), value: t(`organisationKinds.${organisation.kind}`) },
                  { label: t('organisations.userCount'), value: organisation.userCount },
                  { label: t('organisations.createdAt'), value: formatDateTime(organisation.createdAt) },
                ]}
                actions={actionsOf(organisation)}
              />
            )}
            table={
              <Table.ScrollContainer minWidth={800}>
                <Table striped highlightOnHover verticalSpacing="sm">
                  <Table.Caption>{t('organisations.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('fields.name')}</Table.Th>
                      <Table.Th>{t('organisations.kind')}</Table.Th>
                      <Table.Th>{t('organisations.userCount')}</Table.Th>
                      <Table.Th>{t('organisations.createdAt')}</Table.Th>
                      <Table.Th>{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((organisation) => (
                      <Table.Tr key={organisation.id}>
                        <Table.Td>{organisation.name}</Table.Td>
                        <Table.Td>{t(`organisationKinds.${organisation.kind}`)}</Table.Td>
                        <Table.Td>{organisation.userCount}</Table.Td>
                        <Table.Td>{formatDateTime(organisation.createdAt)}</Table.Td>
                        <Table.Td>{actionsOf(organisation)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            }
          />
        )}
      </ListStates>

      <FormModal opened={dialog !== null} onClose={close} title={dialog ? dialogTitle(dialog, t) : ''}>
        {dialog?.kind === 'create' && <OrganisationForm onClose={close} />}
        {dialog?.kind === 'rename' && <OrganisationForm organisation={dialog.organisation} onClose={close} />}
        {dialog?.kind === 'invite' && (
          <InviteForm
            roleOptions={rolesByKind[dialog.organisation.kind]}
            defaultRoles={[adminRoleByKind[dialog.organisation.kind]]}
            pending={inviteAdmin.isPending}
            onSubmit={(invitation) => inviteAdmin.mutateAsync({ organisationId: dialog.organisation.id, invitation })}
            onClose={close}
          />
        )}
      </FormModal>
    </Stack>
  )
}
