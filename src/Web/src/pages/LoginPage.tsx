import { Alert, Button, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation, useSearchParams } from 'react-router'
import { ApiError, formFailure } from '../api'
import { PasswordField } from '../components/PasswordField'
import { SignInCard } from '../components/SignInCard'
import { drafts } from '../drafts'
import { ErrorAlert, Loading } from '../components/States'
import { useLogin, useSession } from '../hooks/session'
import { safeReturnTo } from '../returnTo'

/** Set by the invitation page once the account has its password. */
export interface LoginLocationState {
  invitationAccepted?: boolean
  unlocked?: boolean
}

function LoginFailure({ error }: { error: Error }) {
  const { t } = useTranslation()
  if (error instanceof ApiError && error.status === 401) {
    return (
      <Alert color="red" role="alert">
        {t('login.wrongCredentials')}
      </Alert>
    )
  }
  if (error instanceof ApiError && error.status === 429) {
    return (
      <Alert color="orange" role="alert">
        {error.retryAfterSeconds === null
          ? t('login.tooManyAttempts')
          : t('login.tooManyAttemptsRetry', { seconds: error.retryAfterSeconds })}
      </Alert>
    )
  }
  return <ErrorAlert error={error} />
}

export function LoginPage() {
  const { t } = useTranslation()
  const session = useSession()
  const login = useLogin()
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const invitationAccepted = (location.state as LoginLocationState | null)?.invitationAccepted === true
  const unlocked = (location.state as LoginLocationState | null)?.unlocked === true
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)
  const [expired] = useState(() => (drafts.sessionExpired() ? { kept: drafts.keptAtExpiry() } : null))

  if (session.isPending) return <Loading />
  if (session.data) return <Navigate to={safeReturnTo(searchParams.get('returnTo'))} replace />

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (email.trim() === '') missing.email = t('validation.required')
    if (password === '') missing.password = t('validation.required')
    setErrors(missing)
    setFailure(null)
    if (Object.keys(missing).length > 0) return
    login.mutate(
      { email: email.trim(), password },
      {
        onError: (error) => {
          const validation = error instanceof ApiError && (error.status === 400 || error.status === 422)
          const outcome = validation ? formFailure(error, ['email', 'password']) : { errors: {}, failure: error }
          setErrors(outcome.errors)
          setFailure(outcome.failure)
        },
      },
    )
  }

  return (
    <SignInCard title={t('login.title')} width={420}>
      {invitationAccepted && (
        <Alert color="teal" role="status">
          {t('login.invitationAccepted')}
        </Alert>
      )}
      {unlocked && (
        <Alert color="teal" role="status">
          {t('login.unlocked')}
        </Alert>
      )}
      {expired && (
        <Alert color="orange" role="status">
          {t('login.sessionExpired')}
          {expired.kept > 0 && ` ${t('login.draftsKept')}`}
        </Alert>
      )}
      {session.isError && <ErrorAlert error={session.error} />}
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            withAsterisk
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.email}
          />
          <PasswordField
            label={t('fields.password')}
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errors.password}
          />
          {failure && <LoginFailure error={failure} />}
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </SignInCard>
  )
}
