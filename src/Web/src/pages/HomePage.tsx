import { Card, EmptyState, List, Stack, Text, Title } from '@mantine/core'
import { IconBuildingSkyscraper } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { AwaitingValidation, CompactPortfolio, DeskToday, RequesterToday } from '../components/portfolio/HomeSections'
import { RoleBadges } from '../components/RoleBadges'
import { useUser } from '../hooks/session'
import { isClientManager, isDesk } from '../roles'

function ServedClients() {
  const { t } = useTranslation()
  const user = useUser()
  return (
    <Card withBorder component="section" aria-labelledby="served-clients">
      <Title order={2} size="h4" id="served-clients" mb="sm">
        {t('home.servedClients')}
      </Title>
      {user.tenants.length === 0 ? (
        <EmptyState
          icon={<IconBuildingSkyscraper aria-hidden />}
          title={t('home.noClientsTitle')}
          description={t('home.noClients')}
        />
      ) : (
        <List>
          {user.tenants.map((tenant) => (
            <List.Item key={tenant.id}>{tenant.name}</List.Item>
          ))}
        </List>
      )}
    </Card>
  )
}

/** What each role looks at first today: the desk its tickets at risk, the client's managers what awaits them, requesters their tickets. */
export function HomePage() {
  const { t } = useTranslation()
  const user = useUser()
  const requester = user.organisation.kind === 'client' && user.roles.includes('Requester') && !isClientManager(user)
  return (
    <Stack maw={1000}>
      <Title order={1}>{t('home.welcome', { name: user.displayName })}</Title>
      {isDesk(user) && <DeskToday />}
      {isClientManager(user) && (
        <>
          <AwaitingValidation />
          <CompactPortfolio />
        </>
      )}
      {requester && <RequesterToday />}
      <Card withBorder component="section" aria-labelledby="your-organisation">
        <Title order={2} size="h4" id="your-organisation" mb="sm">
          {t('home.organisation')}
        </Title>
        <Text fw={500}>{user.organisation.name}</Text>
        <Text c="dimmed" size="sm" mb="sm">
          {t(`organisationKinds.${user.organisation.kind}`)}
        </Text>
        <Text size="sm" mb={4}>
          {t('home.yourRoles')}
        </Text>
        {user.roles.length === 0 ? <Text c="dimmed">{t('home.noRoles')}</Text> : <RoleBadges roles={user.roles} />}
      </Card>
      {user.organisation.kind === 'provider' && <ServedClients />}
    </Stack>
  )
}
