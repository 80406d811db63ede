import {
  Anchor,
  Button,
  Card,
  EmptyState,
  Group,
  List,
  NativeSelect,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import type { TFunction } from 'i18next'
import { IconCheck, IconClock, IconFile, IconListDetails, IconPlus, IconUpload } from '@tabler/icons-react'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { acceptedBy, reached, type ContractPermissions } from '../../contractRules'
import { acceptAttribute } from '../../documentTypes'
import { errorMessage } from '../../errorMessage'
import { useFormatDateTime, useFormatFileSize } from '../../format'
import {
  checklistCategories,
  documentUrl,
  useAcceptChecklistItem,
  useAddChecklistItem,
  useAddWorkstream,
  useChecklist,
  useSetWorkstreamProgress,
  useUploadChecklistDocument,
  useWorkstreams,
  type ChecklistCategory,
  type ChecklistItem,
  type Workstream,
} from '../../hooks/contractItems'
import type { ChecklistPhase, ContractDetail } from '../../hooks/contracts'
import { useUser } from '../../hooks/session'
import { useDraft } from '../../hooks/useDraft'
import { useFormFeedback } from '../../hooks/useFormFeedback'
import { sideOf, type Side } from '../../roles'
import { NumberField } from '../NumberField'
import { ErrorAlert, ListStates } from '../States'
import { ContractActionDialog } from './ContractActions'

const sides: Side[] = ['client', 'provider']

/** One side's acceptance: who and when, or not yet. */
function Acceptance({ by, at }: { by?: string | null; at?: string | null }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  return by ? (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <ThemeIcon size="sm" color="teal" variant="light" aria-hidden>
        <IconCheck size={14} />
      </ThemeIcon>
      <Text size="sm">{at ? t('contracts.byOn', { name: by, date: formatDateTime(at) }) : by}</Text>
    </Group>
  ) : (
    <Group gap={6} wrap="nowrap">
      <ThemeIcon size="sm" color="gray" variant="light" aria-hidden>
        <IconClock size={14} />
      </ThemeIcon>
      <Text size="sm" c="dimmed">
        {t('checklists.notAccepted')}
      </Text>
    </Group>
  )
}

function notifyError(error: Error, t: TFunction) {
  notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(error, t) })
}

function Documents({ contractId, item, canUpload }: { contractId: string; item: ChecklistItem; canUpload: boolean }) {
  const { t } = useTranslation()
  const formatFileSize = useFormatFileSize()
  const upload = useUploadChecklistDocument(contractId)
  const inputId = useId()
  return (
    <Stack gap={4}>
      {item.documents.length > 0 && (
        <List size="sm" spacing={2} icon={<IconFile size={14} aria-hidden />}>
          {item.documents.map((document) => (
            <List.Item key={document.id}>
              <Anchor href={documentUrl(contractId, document.id)} download={document.fileName} size="sm">
                {document.fileName}
              </Anchor>{' '}
              <Text span size="xs" c="dimmed">
                ({formatFileSize(document.size)}, {document.contentType})
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {canUpload && (
        <div>
          {/* The input is the control (tests and browsers set its files); its label is what people click. */}
          <input
            id={inputId}
            className="visually-hidden file-trigger"
            type="file"
            accept={acceptAttribute}
            aria-label={t('checklists.addDocumentTo', { title: item.title })}
            disabled={upload.isPending}
            onChange={(event) => {
              const input = event.currentTarget
              const file = input.files?.[0]
              if (!file) return
              upload.mutate(
                { itemId: item.id, file },
                {
                  onSuccess: (document) => {
                    notifications.show({ color: 'teal', message: t('checklists.documentAdded', { name: document?.fileName ?? file.name }) })
                    input.value = ''
                  },
                },
              )
            }}
          />
          <Button component="label" htmlFor={inputId} size="compact-xs" variant="light" loading={upload.isPending} leftSection={<IconUpload size={14} aria-hidden />}>
            {t('checklists.addDocument')}
          </Button>
          {upload.error && (
            <Text c="red" size="xs" mt={4} role="alert">
              {errorMessage(upload.error, t)}
            </Text>
          )}
        </div>
      )}
    </Stack>
  )
}

function AddItemForm({ contractId, phase }: { contractId: string; phase: ChecklistPhase }) {
  const { t } = useTranslation()
  const add = useAddChecklistItem(contractId, phase)
  const draft = useDraft(`checklist-item:${phase}`, () => ({ category: 'knowledgeTransfer' as ChecklistCategory, title: '' }))
  const { category, title } = draft.value
  const setCategory = (value: typeof category) => draft.patch({ category: value })
  const setTitle = (value: typeof title) => draft.patch({ title: value })
  const feedback = useFormFeedback(['category', 'title'])

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(title.trim() === '' ? { title: t('validation.required') } : {})) return
    add.mutate({ category, title: title.trim() }, { onSuccess: () => draft.saved({ category, title: '' }), onError: feedback.fail })
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('checklists.addItemForm', { phase: t(`contracts.phases.${phase}`) })}>
      <Stack gap="xs">
        <Group align="flex-start" gap="sm">
          <NativeSelect
            label={t('checklists.category')}
            value={category}
            onChange={(event) => setCategory(event.currentTarget.value as ChecklistCategory)}
            data={checklistCategories.map((value) => ({ value, label: t(`checklists.categories.${value}`) }))}
            error={feedback.errors.category}
          />
          <TextInput
            label={t('checklists.itemTitle')}
            withAsterisk
            style={{ flex: 1 }}
            miw={220}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={feedback.errors.title}
          />
          <Button type="submit" mt={25} loading={add.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
            {t('checklists.addItem')}
          </Button>
        </Group>
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
      </Stack>
    </form>
  )
}

/**
 * Where both sides stand on closing the phase, and the caller's "close" when `can` allows it; `pending` items
 * (not yet accepted by both sides) would make the server refuse, so the card says so first.
 */
function Closure({ contract, phase, pending }: { contract: ContractDetail; phase: ChecklistPhase; pending: number }) {
  const { t } = useTranslation()
  const formatDateTime = useFormatDateTime()
  const [closing, setClosing] = useState(false)
  const action = `close:${phase}` as const
  return (
    <Card withBorder padding="sm" bg="var(--mantine-color-gray-light)">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('checklists.closure')}
          </Text>
          {sides.map((side) => {
            const closure = contract.closures.find((candidate) => candidate.phase === phase && candidate.side === side)
            return (
              <Text key={side} size="sm">
                <Text span fw={500}>
                  {t(`checklists.sides.${side}`)}
                </Text>{' '}
                {closure
                  ? t('checklists.closedBy', { name: closure.acceptedBy, date: formatDateTime(closure.acceptedAt) })
                  : t('checklists.notClosed')}
              </Text>
            )
          })}
          {pending > 0 && contract.phase === phase && (
            <Text size="sm" c="dimmed">
              {t('checklists.pendingItems', { count: pending })}
            </Text>
          )}
        </Stack>
        {contract.can.includes(action) && (
          <>
            <Button onClick={() => setClosing(true)}>{t('checklists.closePhase')}</Button>
            <ContractActionDialog contract={contract} action={closing ? action : null} onClose={() => setClosing(false)} />
          </>
        )}
      </Group>
    </Card>
  )
}

function ChecklistSection({ contract, phase, permissions }: { contract: ContractDetail; phase: ChecklistPhase; permissions: ContractPermissions }) {
  const { t } = useTranslation()
  const user = useUser()
  const started = reached(contract, phase)
  const checklist = useChecklist(contract.id, phase, started)
  const accept = useAcceptChecklistItem(contract.id)
  const editable = permissions.editChecklist(phase)
  const accepting = permissions.acceptChecklistItems(phase)
  const mySide = sideOf(user)
  const headingId = `checklist-${phase}`

  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack>
        <Title order={2} size="h3" id={headingId}>
          {t(`checklists.titles.${phase}`)}
        </Title>
        {!started ? (
          <Text c="dimmed">{t(`checklists.notStarted.${phase}`)}</Text>
        ) : (
          <>
            <Closure
              contract={contract}
              phase={phase}
              pending={(checklist.data ?? []).filter((item) => !item.clientAcceptedBy || !item.providerAcceptedBy).length}
            />
            <ListStates
              query={checklist}
              empty={<EmptyState icon={<IconListDetails aria-hidden />} title={t('checklists.emptyTitle')} description={t('checklists.empty')} />}
            >
              {(items) => (
                <Stack>
                  {checklistCategories
                    .map((category) => ({ category, rows: items.filter((item) => item.category === category) }))
                    .filter(({ rows }) => rows.length > 0)
                    .map(({ category, rows }) => (
                      <Table.ScrollContainer key={category} minWidth={820}>
                        <Table verticalSpacing="sm" withTableBorder layout="fixed">
                          <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>
                            {t(`checklists.categories.${category}`)}
                          </Table.Caption>
                          <Table.Thead>
                            <Table.Tr>
                              <Table.Th w="24%">{t('checklists.itemTitle')}</Table.Th>
                              <Table.Th w="20%">{t('checklists.sides.client')}</Table.Th>
                              <Table.Th w="20%">{t('checklists.sides.provider')}</Table.Th>
                              <Table.Th>{t('checklists.documents')}</Table.Th>
                              {accepting && <Table.Th w={170}>{t('common.actions')}</Table.Th>}
                            </Table.Tr>
                          </Table.Thead>
                          <Table.Tbody>
                            {rows.map((item) => {
                              const mine = mySide ? acceptedBy(item, mySide) !== null : false
                              const pending = accept.isPending && accept.variables.itemId === item.id
                              return (
                                <Table.Tr key={item.id}>
                                  <Table.Td fw={500}>{item.title}</Table.Td>
                                  <Table.Td>
                                    <Acceptance by={item.clientAcceptedBy} at={item.clientAcceptedAt} />
                                  </Table.Td>
                                  <Table.Td>
                                    <Acceptance by={item.providerAcceptedBy} at={item.providerAcceptedAt} />
                                  </Table.Td>
                                  <Table.Td>
                                    <Documents contractId={contract.id} item={item} canUpload={editable} />
                                  </Table.Td>
                                  {accepting && (
                                    <Table.Td>
                                      <Button
                                        size="xs"
                                        variant={mine ? 'light' : 'filled'}
                                        color={mine ? 'red' : 'teal'}
                                        loading={pending}
                                        aria-label={t(mine ? 'checklists.unacceptItem' : 'checklists.acceptItem', { title: item.title })}
                                        onClick={() => accept.mutate({ itemId: item.id, accept: !mine }, { onError: (error) => notifyError(error, t) })}
                                      >
                                        {mine ? t('checklists.unaccept') : t('checklists.accept')}
                                      </Button>
                                    </Table.Td>
                                  )}
                                </Table.Tr>
                              )
                            })}
                          </Table.Tbody>
                        </Table>
                      </Table.ScrollContainer>
                    ))}
                </Stack>
              )}
            </ListStates>
            {editable && <AddItemForm contractId={contract.id} phase={phase} />}
          </>
        )}
      </Stack>
    </Card>
  )
}

function WorkstreamRow({ contractId, workstream, editable }: { contractId: string; workstream: Workstream; editable: boolean }) {
  const { t } = useTranslation()
  const setProgress = useSetWorkstreamProgress(contractId)
  const [progress, setValue] = useState(workstream.progress)
  const changed = progress !== workstream.progress
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text fw={500}>{workstream.name}</Text>
        <Text size="sm" c="dimmed">
          {workstream.progress} %
        </Text>
      </Group>
      <Progress
        value={workstream.progress}
        color={workstream.progress >= 100 ? 'teal' : undefined}
        aria-label={t('workstreams.progressOf', { name: workstream.name })}
      />
      {editable && (
        <Group align="flex-end" gap="xs">
          <NumberField
            label={t('workstreams.progress')}
            aria-label={t('workstreams.progressInput', { name: workstream.name })}
            size="xs"
            w={120}
            min={0}
            max={100}
            allowDecimal={false}
            clampBehavior="strict"
            suffix=" %"
            value={progress}
            onChange={setValue}
          />
          <Button
            size="xs"
            variant="light"
            disabled={!changed || !Number.isInteger(progress)}
            loading={setProgress.isPending}
            aria-label={t('workstreams.saveOf', { name: workstream.name })}
            onClick={() => setProgress.mutate({ id: workstream.id, progress }, { onError: (error) => notifyError(error, t) })}
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

function AddWorkstreamForm({ contractId }: { contractId: string }) {
  const { t } = useTranslation()
  const add = useAddWorkstream(contractId)
  const draft = useDraft('workstream', () => ({ name: '' }))
  const { name } = draft.value
  const setName = (value: typeof name) => draft.patch({ name: value })
  const feedback = useFormFeedback(['name'])
  function submit(event: FormEvent) {
    event.preventDefault()
    if (!feedback.check(name.trim() === '' ? { name: t('validation.required') } : {})) return
    add.mutate(name.trim(), { onSuccess: () => draft.saved({ name: '' }), onError: feedback.fail })
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('workstreams.addForm')}>
      <Stack gap="xs">
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t('workstreams.name')}
            description={t('workstreams.nameHelp')}
            style={{ flex: 1 }}
            miw={220}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={feedback.errors.name}
          />
          <Button type="submit" mt={44} loading={add.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
            {t('workstreams.add')}
          </Button>
        </Group>
        {feedback.failure && <ErrorAlert error={feedback.failure} />}
      </Stack>
    </form>
  )
}

function WorkstreamsSection({ contract, permissions }: { contract: ContractDetail; permissions: ContractPermissions }) {
  const { t } = useTranslation()
  const workstreams = useWorkstreams(contract.id)
  return (
    <Card withBorder component="section" aria-labelledby="workstreams-title">
      <Stack>
        <Title order={2} size="h3" id="workstreams-title">
          {t('workstreams.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('workstreams.intro')}
        </Text>
        <ListStates query={workstreams} empty={<Text c="dimmed">{t('workstreams.empty')}</Text>}>
          {(items) => (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              {items.map((workstream) => (
                <WorkstreamRow
                  key={`${workstream.id}-${workstream.progress}`}
                  contractId={contract.id}
                  workstream={workstream}
                  editable={permissions.editWorkstreamProgress}
                />
              ))}
            </SimpleGrid>
          )}
        </ListStates>
        {permissions.addWorkstream && <AddWorkstreamForm contractId={contract.id} />}
      </Stack>
    </Card>
  )
}

/** Takeover, upgrade and reversibility: both sides' acceptance item by item, workstreams' progress, phase closure. */
export function PhasesTab({ contract, permissions }: { contract: ContractDetail; permissions: ContractPermissions }) {
  return (
    <Stack>
      <ChecklistSection contract={contract} phase="takeover" permissions={permissions} />
      <WorkstreamsSection contract={contract} permissions={permissions} />
      <ChecklistSection contract={contract} phase="reversibility" permissions={permissions} />
    </Stack>
  )
}
