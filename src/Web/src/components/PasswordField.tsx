import { PasswordInput } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** A required password, its error announced to assistive technologies, with a named button to show it. */
export function PasswordField({
  label,
  description,
  autoComplete,
  value,
  onChange,
  error,
}: {
  label: string
  description?: ReactNode
  autoComplete: 'current-password' | 'new-password'
  value: string
  onChange: (value: string) => void
  error?: string
}) {
  const { t } = useTranslation()
  return (
    <PasswordInput
      label={label}
      description={description}
      autoComplete={autoComplete}
      withAsterisk
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      aria-invalid={error ? true : undefined}
      visibilityToggleButtonProps={{ 'aria-label': t('fields.togglePassword') }}
    />
  )
}
