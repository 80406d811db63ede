import { Button, Group, Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** The last cell of an editable table row: edit and delete, each labelled with the row it acts on. */
export function RowActions({ editLabel, deleteLabel, onEdit, onDelete }: { editLabel: string; deleteLabel: string; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation()
  return (
    <Table.Td>
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" variant="default" aria-label={editLabel} onClick={onEdit}>
          {t('common.edit')}
        </Button>
        <Button size="xs" variant="light" color="red" aria-label={deleteLabel} onClick={onDelete}>
          {t('common.delete')}
        </Button>
      </Group>
    </Table.Td>
  )
}
