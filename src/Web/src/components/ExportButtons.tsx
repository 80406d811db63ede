import { Button, Group } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'

/** A document's downloads, one link a format, grouped under the label that says what they export. */
export function ExportButtons<F extends string>({
  label,
  formats,
  hrefOf,
  labelOf,
}: {
  label: string
  formats: readonly F[]
  hrefOf: (format: F) => string
  labelOf: (format: F) => string
}) {
  return (
    <Group gap="xs" role="group" aria-label={label}>
      {formats.map((format) => (
        <Button key={format} component="a" href={hrefOf(format)} download variant="default" size="sm" leftSection={<IconDownload size={16} aria-hidden />}>
          {labelOf(format)}
        </Button>
      ))}
    </Group>
  )
}
