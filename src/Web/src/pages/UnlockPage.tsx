import { Alert, Anchor, Button, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError } from '../api'
import { SignInCard } from '../components/SignInCard'
import { ErrorAlert } from '../components/States'
import { useUnlock } from '../hooks/invitations'
import type { LoginLocationState } from './LoginPage'

/**
 * Anonymous page reached from the link e-mailed when an account's sign-in is paused for new devices. The link is used
 * on a click, not on opening: mail scanners that open links must not spend it.
 */
export function UnlockPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { token = '' } = useParams()
  const unlock = useUnlock(token)
  const unusable = unlock.error instanceof ApiError && unlock.error.status === 404

  function use() {
    unlock.mutate(undefined, {
      onSuccess: () => {
        const state: LoginLocationState = { unlocked: true }
        void navigate('/login', { replace: true, state })
      },
    })
  }

  return (
    <SignInCard title={t('unlock.title')} width={480}>
      <Text>{t('unlock.intro')}</Text>
      {unusable && (
        <Alert color="orange" role="alert" title={t('unlock.unusableTitle')}>
          {t('unlock.unusable')}
        </Alert>
      )}
      {unlock.isError && !unusable && <ErrorAlert error={unlock.error} />}
      {!unusable && (
        <Button onClick={use} loading={unlock.isPending} fullWidth>
          {t('unlock.submit')}
        </Button>
      )}
      <Anchor component={Link} to="/login" size="sm">
        {t('invitation.goToLogin')}
      </Anchor>
    </SignInCard>
  )
}
