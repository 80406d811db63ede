import { Alert, Stack, Table, Text } from '@mantine/core'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

/** "file" first, then lines or entries in the file's order: "line 3" before "line 12". */
function reportOrder([a]: [string, string[]], [b]: [string, string[]]) {
  const position = (key: string) => Number(/\d+/.exec(key)?.[0] ?? -1)
  return position(a) - position(b) || a.localeCompare(b)
}

/** Where in the file an import error is, in words: "Line 12", "The file", or what `locate` makes of other keys. */
function describe(key: string, t: TFunction, locate?: (key: string) => string | undefined): string {
  const line = /^line\s+(\d+)$/i.exec(key)
  if (line) return t('importReport.line', { line: Number(line[1]) })
  if (key === '' || key === 'file' || key === '$') return t('importReport.wholeFile')
  return locate?.(key) ?? key
}

/**
 * What the server refused in an imported file, place by place, each with its problems: imports are all or nothing.
 * `locate` names the places a kind of file has besides its lines (a JSON file's entries, say).
 */
export function ImportReport({ errors, locate }: { errors: Record<string, string[]>; locate?: (key: string) => string | undefined }) {
  const { t } = useTranslation()
  return (
    <Alert color="red" title={t('importReport.rejectedTitle')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{t('importReport.nothingImported')}</Text>
        <Table.ScrollContainer minWidth={400} maxHeight={400}>
          <Table verticalSpacing={4} withTableBorder>
            <Table.Caption>{t('importReport.reportCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('importReport.where')}</Table.Th>
                <Table.Th>{t('importReport.problems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(errors)
                .sort(reportOrder)
                .map(([where, messages]) => (
                  <Table.Tr key={where}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{describe(where, t, locate)}</Table.Td>
                    <Table.Td>{messages.join(' ')}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Alert>
  )
}
