import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useDeleteView, useSaveView, useSavedViews } from '../../hooks/savedViews'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { ErrorAlert } from '../States'

function SaveViewForm({ query, onClose }: { query: string; onClose: () => void }) {
  const { t } = useTranslation()
  const save = useSaveView()
  const [name, setName] = useState('')
  const feedback = useFormFeedback(['name'])

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(name.trim() === '' ? { name: t('validation.required') } : {})) return
    save.mutate({ name: name.trim(), query }, { onSuccess: onClose, onError: feedback.fail })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('tickets.views.name')}
          withAsterisk
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={feedback.errors.name}
          data-autofocus
        />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={save.isPending} submitLabel={t('tickets.views.save')} />
      </Stack>
    </form>
  )
}

/**
 * The person's saved views of the list, kept by the service: choosing one applies its address (filters, search,
 * sort); the view on screen can be saved under a name, and a saved one deleted.
 */
export function SavedViews({ query, onApply }: { query: string; onApply: (query: string) => void }) {
  const { t } = useTranslation()
  const views = useSavedViews()
  const remove = useDeleteView()
  const [saving, setSaving] = useState(false)
  const current = views.data?.find((view) => view.query === query)
  return (
    <Group align="flex-end" gap="sm">
      <NativeSelect
        label={t('tickets.views.label')}
        value={current?.id ?? ''}
        disabled={!views.isSuccess || views.data.length === 0}
        onChange={(event) => {
          const chosen = views.data?.find((view) => view.id === event.currentTarget.value)
          if (chosen) onApply(chosen.query)
        }}
        data={[
          { value: '', label: views.isSuccess && views.data.length === 0 ? t('tickets.views.none') : t('tickets.views.choose') },
          ...(views.data ?? []).map((view) => ({ value: view.id, label: view.name })),
        ]}
      />
      <Button variant="default" onClick={() => setSaving(true)}>
        {t('tickets.views.saveEllipsis')}
      </Button>
      {current && (
        <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate(current.id)}>
          {t('tickets.views.delete', { name: current.name })}
        </Button>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      <FormModal opened={saving} onClose={() => setSaving(false)} title={t('tickets.views.saveTitle')}>
        <SaveViewForm query={query} onClose={() => setSaving(false)} />
      </FormModal>
    </Group>
  )
}
