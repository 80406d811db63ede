import { AppShell, Burger, Button, Group, Menu, NavLink, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { Suspense } from 'react'
import { IconBellCog, IconChevronDown, IconLogout } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { useLogout, useUser } from '../hooks/session'
import { navigationFor } from '../navigation'
import { canReadContracts } from '../roles'
import { LanguageSwitch } from './LanguageSwitch'
import { NotificationBell } from './NotificationBell'
import { Loading } from './States'
import { TenantSwitcher } from './TenantSwitcher'

function UserMenu() {
  const { t } = useTranslation()
  const user = useUser()
  const logout = useLogout()
  const navigate = useNavigate()
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          rightSection={<IconChevronDown size={14} aria-hidden />}
          // On a phone a long name is cut short, so that the header keeps the burger, the name and the bell.
          maw={{ base: 150, sm: 320 }}
        >
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{user.displayName}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        {canReadContracts(user) && (
          <Menu.Item component={Link} to="/settings/notifications" leftSection={<IconBellCog size={16} aria-hidden />}>
            {t('preferences.menuItem')}
          </Menu.Item>
        )}
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
        >
          {t('layout.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}

/** The authenticated shell: header, role-dependent navigation (a burger on small screens), page outlet. */
export function Layout() {
  const { t } = useTranslation()
  const user = useUser()
  const location = useLocation()
  const [opened, { toggle, close }] = useDisclosure(false)
  const isActive = (path: string) =>
    path === '/' ? location.pathname === '/' : location.pathname === path || location.pathname.startsWith(`${path}/`)

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main-content">
        {t('layout.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('layout.closeNavigation') : t('layout.openNavigation')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
            <Text c="dimmed" visibleFrom="sm" truncate>
              {user.organisation.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" visibleFrom="sm">
              <TenantSwitcher />
              <LanguageSwitch />
            </Group>
            {canReadContracts(user) && <NotificationBell />}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="main-navigation" aria-label={t('layout.navigation')}>
        <Stack gap="sm" hiddenFrom="sm" mb="md">
          <Text c="dimmed">{user.organisation.name}</Text>
          <TenantSwitcher />
          <LanguageSwitch />
        </Stack>
        {navigationFor(user).map((item) => {
          const active = isActive(item.path)
          return (
            <NavLink
              key={item.path}
              component={Link}
              to={item.path}
              label={t(item.labelKey)}
              leftSection={<item.icon size={18} stroke={1.5} aria-hidden />}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={close}
            />
          )
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        {/* A page's code loads on its first visit: the shell stays while it does. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
