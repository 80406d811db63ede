import { Button, CopyButton, Group, Stack, Textarea } from '@mantine/core'
import { IconCheck, IconCopy } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

interface Props {
  label: string
  value: string
  copyLabel: string
}

/**
 * A read-only value the user has to hand over (an invitation link, an API key), shown whole and selectable
 * (the clipboard API needs a secure context), with a copy button.
 */
export function CopyableValue({ label, value, copyLabel }: Props) {
  const { t } = useTranslation()
  return (
    <Stack gap="xs">
      <Textarea
        label={label}
        value={value}
        readOnly
        autosize
        minRows={1}
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } }}
      />
      <Group>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              onClick={copy}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            >
              {copied ? t('common.copied') : copyLabel}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  )
}
