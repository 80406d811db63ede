import { Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { FieldChange } from '../hooks/contracts'

function Value({ value }: { value: string | null }) {
  const { t } = useTranslation()
  return value === null ? (
    <Text span c="dimmed" size="sm">
      {t('changes.none')}
    </Text>
  ) : (
    <Text span size="sm" className="user-text">
      {value}
    </Text>
  )
}

interface Props {
  changes: FieldChange[]
  caption: string
  /** Names the field and formats its values for people; without it the JSON path and the raw values are shown. */
  describe?: (change: FieldChange) => FieldChange
}

/** What changed, field by field: between two versions of a contract's terms, or in an audited change. */
export function ChangesTable({ changes, caption, describe }: Props) {
  const { t } = useTranslation()
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('changes.field')}</Table.Th>
            <Table.Th>{t('changes.before')}</Table.Th>
            <Table.Th>{t('changes.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((raw, index) => {
            const change = describe ? describe(raw) : raw
            return (
              // A set's member added and another removed share the field's path.
              <Table.Tr key={`${raw.field}#${index}`}>
                <Table.Td>
                  <Text span size="sm" ff={describe ? undefined : 'monospace'}>
                    {change.field === '' ? t('changes.value') : change.field}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Value value={change.before} />
                </Table.Td>
                <Table.Td>
                  <Value value={change.after} />
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
