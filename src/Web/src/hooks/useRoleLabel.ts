import { useTranslation } from 'react-i18next'
import en from '../locales/en.json'

type KnownRole = keyof typeof en.roles

function isKnownRole(role: string): role is KnownRole {
  return Object.hasOwn(en.roles, role)
}

/** Roles the interface knows are translated; an unknown one (from a newer backend) is shown as it is. */
export function useRoleLabel() {
  const { t } = useTranslation()
  return (role: string) => (isKnownRole(role) ? t(`roles.${role}`) : role)
}
