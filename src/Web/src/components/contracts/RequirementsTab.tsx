import { Button, EmptyState, Group, Stack, Table, Text, TextInput, Textarea } from '@mantine/core'
import { IconListCheck, IconPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useRequirementChange, useRequirements, type Requirement } from '../../hooks/contractItems'
import type { ContractDetail } from '../../hooks/contracts'
import { useDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { ConfirmDialog } from '../ConfirmDialog'
import { RowActions } from '../RowActions'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { ErrorAlert, ListStates } from '../States'

function RequirementForm({ contractId, requirement, onClose }: { contractId: string; requirement: Requirement | null; onClose: () => void }) {
  const { t } = useTranslation()
  const change = useRequirementChange(contractId)
  const draft = useDraft(`requirement:${requirement?.id ?? 'new'}`, () => ({ category: requirement?.category ?? '', expectedLevel: requirement?.expectedLevel ?? '', acceptanceCriterion: requirement?.acceptanceCriterion ?? '' }))
  const { category, expectedLevel, acceptanceCriterion } = draft.value
  const setCategory = (value: typeof category) => draft.patch({ category: value })
  const setExpectedLevel = (value: typeof expectedLevel) => draft.patch({ expectedLevel: value })
  const setAcceptanceCriterion = (value: typeof acceptanceCriterion) => draft.patch({ acceptanceCriterion: value })
  const feedback = useFormFeedback(['category', 'expectedLevel', 'acceptanceCriterion'])

  function submit(event: FormEvent) {
    event.preventDefault()
    const item = { category: category.trim(), expectedLevel: expectedLevel.trim(), acceptanceCriterion: acceptanceCriterion.trim() }
    const missing: Record<string, string> = {}
    for (const [field, value] of Object.entries(item)) if (value === '') missing[field] = t('validation.required')
    if (!feedback.check(missing)) return
    change.mutate(requirement ? { kind: 'update', id: requirement.id, item } : { kind: 'add', item }, {
      onSuccess: onClose,
      onError: feedback.fail,
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('requirements.category')}
          description={t('requirements.categoryHelp')}
          withAsterisk
          value={category}
          onChange={(event) => setCategory(event.currentTarget.value)}
          error={feedback.errors.category}
        />
        <Textarea
          label={t('requirements.expectedLevel')}
          withAsterisk
          autosize
          minRows={2}
          value={expectedLevel}
          onChange={(event) => setExpectedLevel(event.currentTarget.value)}
          error={feedback.errors.expectedLevel}
        />
        <Textarea
          label={t('requirements.acceptanceCriterion')}
          withAsterisk
          autosize
          minRows={2}
          value={acceptanceCriterion}
          onChange={(event) => setAcceptanceCriterion(event.currentTarget.value)}
          error={feedback.errors.acceptanceCriterion}
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={change.isPending} submitLabel={requirement ? t('common.save') : t('requirements.add')} />
      </Stack>
    </form>
  )
}

/** The cahier des charges: what the client requires, with the level expected and how it will be accepted. */
export function RequirementsTab({ contract, editable }: { contract: ContractDetail; editable: boolean }) {
  const { t } = useTranslation()
  const requirements = useRequirements(contract.id)
  const change = useRequirementChange(contract.id)
  const [editing, setEditing] = useState<Requirement | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Requirement | null>(null)

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {editable ? t('requirements.intro') : t('requirements.readOnly')}
        </Text>
        {editable && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
            {t('requirements.add')}
          </Button>
        )}
      </Group>
      <ListStates
        query={requirements}
        empty={<EmptyState icon={<IconListCheck aria-hidden />} title={t('requirements.emptyTitle')} description={t('requirements.empty')} />}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={700}>
            <Table striped verticalSpacing="sm">
              <Table.Caption>{t('requirements.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('requirements.category')}</Table.Th>
                  <Table.Th>{t('requirements.expectedLevel')}</Table.Th>
                  <Table.Th>{t('requirements.acceptanceCriterion')}</Table.Th>
                  {editable && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item, index) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.category}</Table.Td>
                    <Table.Td className="user-text">{item.expectedLevel}</Table.Td>
                    <Table.Td className="user-text">{item.acceptanceCriterion}</Table.Td>
                    {editable && (
                      <RowActions
                        editLabel={t('requirements.editOf', { n: index + 1, name: item.category })}
                        deleteLabel={t('requirements.deleteOf', { n: index + 1, name: item.category })}
                        onEdit={() => setEditing(item)}
                        onDelete={() => {
                          change.reset()
                          setDeleting(item)
                        }}
                      />
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListStates>

      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' || editing === null ? t('requirements.addTitle') : t('requirements.editTitle')}
        size="lg"
      >
        <RequirementForm contractId={contract.id} requirement={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      </FormModal>

      <ConfirmDialog
        opened={deleting !== null}
        title={t('requirements.deleteTitle')}
        message={deleting ? t('requirements.deleteConfirm', { name: deleting.category }) : ''}
        confirmLabel={t('common.delete')}
        pending={change.isPending}
        error={change.error}
        onConfirm={() => deleting && change.mutate({ kind: 'delete', id: deleting.id }, { onSuccess: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  )
}
