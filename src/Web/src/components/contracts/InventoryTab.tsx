import { Badge, Button, EmptyState, Group, Input, NativeSelect, Radio, Stack, Table, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconPlus, IconServer, IconUpload } from '@tabler/icons-react'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api'
import { ImportReport } from '../ImportReport'
import {
  criticalities,
  inventoryExportUrl,
  inventoryTypes,
  useImportInventory,
  useInventory,
  useInventoryChange,
  type Criticality,
  type ImportMode,
  type InventoryItem,
  type InventoryType,
} from '../../hooks/contractItems'
import type { ContractDetail } from '../../hooks/contracts'
import { useDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { ConfirmDialog } from '../ConfirmDialog'
import { RowActions } from '../RowActions'
import { FormActions } from '../FormActions'
import { FormModal } from '../FormModal'
import { NumberField } from '../NumberField'
import { ErrorAlert, ListStates } from '../States'

const criticalityColor: Record<Criticality, string> = { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' }

function InventoryForm({ contractId, item, onClose }: { contractId: string; item: InventoryItem | null; onClose: () => void }) {
  const { t } = useTranslation()
  const change = useInventoryChange(contractId)
  const draft = useDraft(`inventory-item:${item?.id ?? 'new'}`, () => ({ type: item?.type ?? 'server' as InventoryType, name: item?.name ?? '', quantity: item?.quantity ?? 1, criticality: item?.criticality ?? 'medium' as Criticality, location: item?.location ?? '' }))
  const { type, name, quantity, criticality, location } = draft.value
  const setType = (value: typeof type) => draft.patch({ type: value })
  const setName = (value: typeof name) => draft.patch({ name: value })
  const setQuantity = (value: typeof quantity) => draft.patch({ quantity: value })
  const setCriticality = (value: typeof criticality) => draft.patch({ criticality: value })
  const setLocation = (value: typeof location) => draft.patch({ location: value })
  const feedback = useFormFeedback(['type', 'name', 'quantity', 'criticality', 'location'])

  function submit(event: FormEvent) {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (name.trim() === '') missing.name = t('validation.required')
    if (!Number.isInteger(quantity) || quantity < 0) missing.quantity = t('validation.wholeNumber')
    if (!feedback.check(missing)) return
    const body = { type, name: name.trim(), quantity, criticality, location: location.trim() }
    change.mutate(item ? { kind: 'update', id: item.id, item: body } : { kind: 'add', item: body }, { onSuccess: onClose, onError: feedback.fail })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <NativeSelect
          label={t('inventory.type')}
          withAsterisk
          value={type}
          onChange={(event) => setType(event.currentTarget.value as InventoryType)}
          data={inventoryTypes.map((value) => ({ value, label: t(`inventory.types.${value}`) }))}
          error={feedback.errors.type}
        />
        <TextInput label={t('fields.name')} withAsterisk value={name} onChange={(event) => setName(event.currentTarget.value)} error={feedback.errors.name} />
        <NumberField
          label={t('inventory.quantity')}
          withAsterisk
          min={0}
          allowDecimal={false}
          value={quantity}
          onChange={setQuantity}
          error={feedback.errors.quantity}
        />
        <NativeSelect
          label={t('inventory.criticality')}
          withAsterisk
          value={criticality}
          onChange={(event) => setCriticality(event.currentTarget.value as Criticality)}
          data={criticalities.map((value) => ({ value, label: t(`inventory.criticalities.${value}`) }))}
          error={feedback.errors.criticality}
        />
        <TextInput label={t('inventory.location')} value={location} onChange={(event) => setLocation(event.currentTarget.value)} error={feedback.errors.location} />
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
        <FormActions onCancel={onClose} loading={change.isPending} submitLabel={item ? t('common.save') : t('inventory.add')} />
      </Stack>
    </form>
  )
}

function ImportForm({ contractId, onClose }: { contractId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const importInventory = useImportInventory(contractId)
  const fileId = useId()
  const [file, setFile] = useState<File | null>(null)
  const [mode, setMode] = useState<ImportMode>('append')
  const [missing, setMissing] = useState<string | null>(null)
  const [report, setReport] = useState<Record<string, string[]> | null>(null)
  const [failure, setFailure] = useState<Error | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setReport(null)
    setFailure(null)
    setMissing(file ? null : t('inventory.import.chooseFile'))
    if (!file) return
    importInventory.mutate(
      { file, mode },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', message: t('inventory.import.done', { count: result?.imported ?? 0 }) })
          onClose()
        },
        onError: (error) => {
          const errors = error instanceof ApiError && error.status === 422 ? error.problem?.errors : undefined
          if (errors && Object.keys(errors).length > 0) setReport(errors)
          else setFailure(error)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('inventory.import.help')}</Text>
        <Input.Wrapper id={fileId} label={t('inventory.import.file')} withAsterisk error={missing} description={t('inventory.import.fileHelp')}>
          <input
            id={fileId}
            className="file-input"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={missing !== null}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null)
              setReport(null)
            }}
          />
        </Input.Wrapper>
        <Radio.Group label={t('inventory.import.mode')} value={mode} onChange={(value) => setMode(value === 'replace' ? 'replace' : 'append')}>
          <Stack gap="xs" mt="xs">
            <Radio value="append" label={t('inventory.import.modes.append')} description={t('inventory.import.modeHelp.append')} />
            <Radio value="replace" label={t('inventory.import.modes.replace')} description={t('inventory.import.modeHelp.replace')} />
          </Stack>
        </Radio.Group>
        {report && <ImportReport errors={report} />}
        {failure && <ErrorAlert error={failure} />}
        <FormActions onCancel={onClose} loading={importInventory.isPending} submitLabel={t('inventory.import.submit')} />
      </Stack>
    </form>
  )
}

/** The état des lieux: what the contract covers, with quantities and criticality; imported and exported as CSV or XLSX. */
export function InventoryTab({ contract, editable }: { contract: ContractDetail; editable: boolean }) {
  const { t } = useTranslation()
  const inventory = useInventory(contract.id)
  const change = useInventoryChange(contract.id)
  const [editing, setEditing] = useState<InventoryItem | 'new' | null>(null)
  const [deleting, setDeleting] = useState<InventoryItem | null>(null)
  const [importing, setImporting] = useState(false)

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="xs">
          {(['csv', 'xlsx'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              href={inventoryExportUrl(contract.id, format)}
              download
              variant="default"
              size="sm"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t(`inventory.export.${format}`)}
            </Button>
          ))}
        </Group>
        {editable && (
          <Group gap="xs">
            <Button variant="light" leftSection={<IconUpload size={16} aria-hidden />} onClick={() => setImporting(true)}>
              {t('inventory.import.open')}
            </Button>
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
              {t('inventory.add')}
            </Button>
          </Group>
        )}
      </Group>
      <ListStates
        query={inventory}
        empty={<EmptyState icon={<IconServer aria-hidden />} title={t('inventory.emptyTitle')} description={t('inventory.empty')} />}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={800}>
            <Table striped verticalSpacing="sm">
              <Table.Caption>{t('inventory.caption', { count: items.length })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inventory.type')}</Table.Th>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('inventory.quantity')}</Table.Th>
                  <Table.Th>{t('inventory.criticality')}</Table.Th>
                  <Table.Th>{t('inventory.location')}</Table.Th>
                  {editable && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{t(`inventory.types.${item.type}`, { defaultValue: item.type })}</Table.Td>
                    <Table.Td>{item.name}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{item.quantity}</Table.Td>
                    <Table.Td>
                      <Badge color={criticalityColor[item.criticality] ?? 'gray'}>{t(`inventory.criticalities.${item.criticality}`, { defaultValue: item.criticality })}</Badge>
                    </Table.Td>
                    <Table.Td>{item.location}</Table.Td>
                    {editable && (
                      <RowActions
                        editLabel={t('inventory.editOf', { name: item.name })}
                        deleteLabel={t('inventory.deleteOf', { name: item.name })}
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
        title={editing === 'new' || editing === null ? t('inventory.addTitle') : t('inventory.editOf', { name: editing.name })}
      >
        <InventoryForm contractId={contract.id} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      </FormModal>

      <FormModal opened={importing} onClose={() => setImporting(false)} title={t('inventory.import.title')} size="lg">
        <ImportForm contractId={contract.id} onClose={() => setImporting(false)} />
      </FormModal>

      <ConfirmDialog
        opened={deleting !== null}
        title={t('inventory.deleteTitle')}
        message={deleting ? t('inventory.deleteConfirm', { name: deleting.name }) : ''}
        confirmLabel={t('common.delete')}
        pending={change.isPending}
        error={change.error}
        onConfirm={() => deleting && change.mutate({ kind: 'delete', id: deleting.id }, { onSuccess: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  )
}
