import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, formFailure } from '../api'
import { PasswordField } from '../components/PasswordField'
import { SignInCard } from '../components/SignInCard'
import { ErrorAlert, Loading } from '../components/States'
import { useFormatDateTime } from '../format'
import { useAcceptInvitation, useInvitation, type InvitationDetails } from '../hooks/invitations'
import type { LoginLocationState } from './LoginPage'

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationDetails }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const accept = useAcceptInvitation(token)
  const formatDateTime = useFormatDateTime()
  const [password, setPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    const invalid: Record<string, string> = {}
    if (password === '') invalid.password = t('validation.required')
    if (confirmation !== password) invalid.confirmation = t('invitation.mismatch')
    setErrors(invalid)
    setFailure(null)
    if (Object.keys(invalid).length > 0) return
    accept.mutate(password, {
      onSuccess: () => {
        const state: LoginLocationState = { invitationAccepted: true }
        void navigate('/login', { replace: true, state })
      },
      onError: (error) => {
        const outcome = formFailure(error, ['password'])
        setErrors(outcome.errors)
        setFailure(outcome.failure)
      },
    })
  }

  return (
    <Stack>
      <Text>
        {t('invitation.intro', { name: invitation.displayName, organisation: invitation.organisationName })}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('fields.email')} value={invitation.email} readOnly autoComplete="username" />
          <PasswordField
            label={t('fields.password')}
            description={t('invitation.passwordRules', { name: invitation.email.split('@')[0] })}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errors.password}
          />
          <PasswordField
            label={t('fields.confirmPassword')}
            autoComplete="new-password"
            value={confirmation}
            onChange={setConfirmation}
            error={errors.confirmation}
          />
          {failure && <ErrorAlert error={failure} />}
          <Text size="sm" c="dimmed">
            {t('invitation.expires', { date: formatDateTime(invitation.expiresAt) })}
          </Text>
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  )
}

/** Anonymous page reached from the invitation link: the invited person chooses a password. */
export function AcceptInvitationPage() {
  const { t } = useTranslation()
  const { token = '' } = useParams()
  const invitation = useInvitation(token)
  const unusable = invitation.error instanceof ApiError && invitation.error.status === 404

  return (
    <SignInCard title={t('invitation.title')} width={480}>
      {invitation.isPending && <Loading />}
      {unusable && (
        <Alert color="orange" role="alert" title={t('invitation.unusableTitle')}>
          {t('invitation.unusable')}
        </Alert>
      )}
      {invitation.isError && !unusable && (
        <ErrorAlert error={invitation.error} onRetry={() => void invitation.refetch()} />
      )}
      {invitation.data && <AcceptForm token={token} invitation={invitation.data} />}
      <Anchor component={Link} to="/login" size="sm">
        {t('invitation.goToLogin')}
      </Anchor>
    </SignInCard>
  )
}
