import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, formFailure } from '../api'
import { useUnsavedChanges } from '../hooks/unsavedChanges'
import type { InvitationRequest, InvitationResult } from '../hooks/users'
import { CopyableValue } from './CopyableValue'
import { RoleCheckboxes } from './RoleCheckboxes'
import { ErrorAlert } from './States'
import { FormActions } from './FormActions'

interface Props {
  roleOptions: readonly string[]
  defaultRoles?: string[]
  pending: boolean
  onSubmit: (invitation: InvitationRequest) => Promise<InvitationResult>
  onClose: () => void
}

/** Invites a person by e-mail; shows the link to hand over when the platform could not e-mail it. */
export function InviteForm({ roleOptions, defaultRoles = [], pending, onSubmit, onClose }: Props) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [roles, setRoles] = useState<string[]>(defaultRoles)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)
  const [result, setResult] = useState<InvitationResult | null>(null)
  useUnsavedChanges(result === null && (email !== '' || displayName !== '' || [...roles].sort().join() !== [...defaultRoles].sort().join()))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (email.trim() === '') missing.email = t('validation.required')
    if (displayName.trim() === '') missing.displayName = t('validation.required')
    if (roles.length === 0) missing.roles = t('validation.oneRole')
    setErrors(missing)
    setFailure(null)
    if (Object.keys(missing).length > 0) return
    try {
      setResult(await onSubmit({ email: email.trim(), displayName: displayName.trim(), roles }))
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setErrors({ email: t('invite.emailTaken') })
        return
      }
      const outcome = formFailure(error, ['email', 'displayName', 'roles'])
      setErrors(outcome.errors)
      setFailure(outcome.failure)
    }
  }

  if (result) {
    return (
      <Stack>
        {result.emailed ? (
          <Alert color="teal" title={t('invite.sentTitle')}>
            {t('invite.sentByEmail', { email: result.user.email })}
          </Alert>
        ) : (
          <>
            <Alert color="yellow" title={t('invite.linkTitle', { name: result.user.displayName })}>
              {t('invite.linkExplanation')}
            </Alert>
            <CopyableValue label={t('invite.linkLabel')} value={new URL(result.invitationUrl, window.location.origin).href} copyLabel={t('invite.copyLink')} />
          </>
        )}
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
          label={t('fields.email')}
          type="email"
          autoComplete="off"
          withAsterisk
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.email}
        />
        <TextInput
          label={t('fields.displayName')}
          withAsterisk
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={errors.displayName}
        />
        <RoleCheckboxes options={roleOptions} value={roles} onChange={setRoles} error={errors.roles} />
        {failure && <ErrorAlert error={failure} />}
        <Text size="sm" c="dimmed">
          {t('invite.help')}
        </Text>
        <FormActions onCancel={onClose} loading={pending} submitLabel={t('invite.submit')} />
      </Stack>
    </form>
  )
}
