import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, pathErrors } from '../../api'
import {
  holidayPackKey,
  holidayPacks,
  priorities,
  slaClocks,
  useSaveTerms,
  weekDays,
  type ContractTerms,
  type DurationUnit,
  type HolidayPack,
  type PenaltyKind,
  type Priority,
  type SlaClock,
  type SlaDuration,
  type Version,
  type WeekDay,
} from '../../hooks/contracts'
import { inventoryTypes, type InventoryType } from '../../hooks/contractItems'
import { useDraft } from '../../hooks/useDraft'
import { placeTermsErrors } from '../../termsErrors'
import { NumberField } from '../NumberField'
import { ErrorAlert } from '../States'
import { PenaltyPreview } from './PenaltyPreview'
import { SlaPreview } from './SlaPreview'
import { TermsSection } from './TermsView'
import { DateField } from '../DateField'
import { MonthField } from '../MonthField'
import { TimeField } from '../TimeField'

const durationUnits: DurationUnit[] = ['minutes', 'hours', 'businessDays']
const penaltyKinds: PenaltyKind[] = ['fixed', 'percentOfFee']
function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return zones.includes(current) || current === '' ? zones : [current, ...zones]
}

/** Terms as the server may send them, with every list present, so that the form never meets an undefined. */
function complete(terms: ContractTerms): ContractTerms {
  return {
    ...terms,
    // A new draft's fee is empty (NaN) until entered: the server names the field if it is sent so.
    prices: { ...terms.prices, monthlyFee: terms.prices.monthlyFee ?? Number.NaN, workUnits: terms.prices.workUnits ?? [] },
    revision: terms.revision ?? null,
    calendar: {
      ...terms.calendar,
      weekly: terms.calendar.weekly ?? [],
      holidayPacks: terms.calendar.holidayPacks ?? [],
      closedDays: terms.calendar.closedDays ?? [],
    },
    sla: { targets: terms.sla.targets ?? [], warningThresholds: terms.sla.warningThresholds ?? [] },
    penalties: {
      ...terms.penalties,
      perBreach: (terms.penalties.perBreach ?? []).map((rule) => ({ ...rule, clock: rule.clock ?? null })),
      monthlyFreeBreaches: terms.penalties.monthlyFreeBreaches ?? 0,
      successRateTargets: terms.penalties.successRateTargets ?? [],
      availabilityBands: terms.penalties.availabilityBands ?? [],
      monthlyCapPercent: terms.penalties.monthlyCapPercent ?? 0,
      annualCapPercent: terms.penalties.annualCapPercent ?? 0,
      minimumTotal: terms.penalties.minimumTotal ?? 0,
    },
    evolutionClause: terms.evolutionClause ?? '',
    reversibilityClause: terms.reversibilityClause ?? '',
  }
}

/** A tolerance limit left empty is no limit (null), where other empty numbers are sent for the server to name. */
const limit = (value: number) => (Number.isNaN(value) ? null : value)

/** One row of a list in the form: its fields side by side (wrapping on a phone), a remove button, its error. */
function Row({ children, removeLabel, onRemove, error }: { children: ReactNode; removeLabel?: string; onRemove?: () => void; error?: string }) {
  return (
    <Paper withBorder p="xs">
      <Group align="flex-end" gap="sm">
        {children}
        {onRemove && (
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={removeLabel} onClick={onRemove}>
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        )}
      </Group>
      {error && (
        <Text c="red" size="sm" mt={4}>
          {error}
        </Text>
      )}
    </Paper>
  )
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Group>
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={onClick}>
        {children}
      </Button>
    </Group>
  )
}

function SectionError({ error }: { error?: string }) {
  return error ? (
    <Text c="red" size="sm" role="alert">
      {error}
    </Text>
  ) : null
}

/** Every field of a draft version's terms, saved whole with PUT; the server's 422 shows on the fields it names. */
export function TermsEditor({ contractId, version }: { contractId: string; version: Version }) {
  const { t } = useTranslation()
  const save = useSaveTerms(contractId, version.number)
  // The thresholds are kept as typed until saved: "10, 20," is on its way to a valid list.
  const draft = useDraft(`terms-v${version.number}`, () => {
    const completed = complete(version.terms)
    return { terms: completed, thresholds: completed.sla.warningThresholds.join(', ') }
  })
  const { terms, thresholds } = draft.value
  const setThresholds = (next: string) => draft.set((previous) => ({ ...previous, thresholds: next }))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [unplaced, setUnplaced] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<Error | null>(null)
  const err = (path: string) => errors[path]
  const row = (field: string, rowName: string) => t('terms.editor.rowField', { field, row: rowName })

  /** Changes a copy of the terms. Adding or removing a row moves the rows below: their errors no longer apply. */
  function update(change: (draft: ContractTerms) => void, rowsMoved = false) {
    draft.set((previous) => {
      const next = structuredClone(previous.terms)
      change(next)
      return { ...previous, terms: next }
    })
    if (rowsMoved) setErrors({})
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    setUnplaced({})
    const parts = thresholds.split(/[;,\s]+/).filter((part) => part !== '')
    const values = parts.map(Number)
    if (values.some((value) => !Number.isInteger(value) || value <= 0 || value >= 100)) {
      setErrors({ 'sla.warningThresholds': t('terms.editor.thresholdsInvalid') })
      return
    }
    const body: ContractTerms = { ...terms, sla: { ...terms.sla, warningThresholds: values } }
    setErrors({})
    save.mutate(body, {
      onSuccess: () => {
        draft.saved({ terms: body, thresholds: values.join(', ') })
        notifications.show({ color: 'teal', message: t('terms.editor.saved', { number: version.number }) })
      },
      onError: (error) => {
        const byPath = error instanceof ApiError ? pathErrors(error.problem, 'terms') : {}
        if (Object.keys(byPath).length === 0) {
          setFailure(error)
          return
        }
        const placement = placeTermsErrors(byPath, body)
        setErrors(placement.placed)
        setUnplaced(placement.unplaced)
      },
    })
  }

  const duration = (index: number, which: 'respond' | 'resolve', value: SlaDuration, rowName: string) => {
    const base = `sla.targets[${index}].${which}`
    const whichLabel = t(`terms.${which}`)
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500} aria-hidden>
          {whichLabel}
        </Text>
        <Group gap="xs" align="center" wrap="wrap">
          <NumberField
            aria-label={row(t('terms.editor.durationValue', { which: whichLabel }), rowName)}
            min={0}
            allowDecimal={false}
            w={90}
            value={value.value}
            onChange={(next) => update((draft) => void (draft.sla.targets[index]![which].value = next))}
            error={err(`${base}.value`) ?? err(base)}
          />
          <NativeSelect
            aria-label={row(t('terms.editor.durationUnit', { which: whichLabel }), rowName)}
            value={value.unit}
            onChange={(event) => {
              const unit = event.currentTarget.value as DurationUnit
              update((draft) => {
                draft.sla.targets[index]![which].unit = unit
                if (unit !== 'businessDays') draft.sla.targets[index]![which].endOfWorkingDay = false
              })
            }}
            data={durationUnits.map((unit) => ({ value: unit, label: t(`terms.units.${unit}`) }))}
            error={err(`${base}.unit`)}
          />
          <Checkbox
            label={t('terms.endOfWorkingDay')}
            aria-label={row(t('terms.editor.endOfWorkingDayOf', { which: whichLabel }), rowName)}
            disabled={value.unit !== 'businessDays'}
            checked={value.endOfWorkingDay}
            onChange={(event) => {
              const checked = event.currentTarget.checked
              update((draft) => void (draft.sla.targets[index]![which].endOfWorkingDay = checked))
            }}
            error={err(`${base}.endOfWorkingDay`)}
          />
        </Group>
      </Stack>
    )
  }

  // The preview uses the thresholds being typed once they read as whole numbers (the server checks the rest).
  const typedThresholds = thresholds.split(/[;,\s]+/).filter((part) => part !== '').map(Number)
  const missingPriorities = priorities.filter((priority) => !terms.sla.targets.some((target) => target.priority === priority))

  return (
    <form onSubmit={submit} noValidate aria-label={t('terms.editor.formLabel', { number: version.number })}>
      <Stack>
        <TermsSection title={t('terms.sections.duration')}>
          <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
            <DateField
              label={t('terms.startDate')}
              withAsterisk
              value={terms.startDate ?? ''}
              onChange={(value) => update((draft) => void (draft.startDate = value))}
              error={err('startDate')}
              miw={180}
            />
            <NumberField
              label={t('terms.initialTermMonths')}
              withAsterisk
              min={1}
              allowDecimal={false}
              value={terms.initialTermMonths}
              onChange={(value) => update((draft) => void (draft.initialTermMonths = value))}
              error={err('initialTermMonths')}
              miw={180}
            />
            <NumberField
              label={t('terms.renewalPeriodMonths')}
              description={t('terms.editor.renewalHelp')}
              min={0}
              allowDecimal={false}
              value={terms.renewalPeriodMonths}
              onChange={(value) => update((draft) => void (draft.renewalPeriodMonths = value))}
              error={err('renewalPeriodMonths')}
              miw={180}
            />
            <NumberField
              label={t('terms.noticeMonths')}
              min={0}
              allowDecimal={false}
              value={terms.noticeMonths}
              onChange={(value) => update((draft) => void (draft.noticeMonths = value))}
              error={err('noticeMonths')}
              miw={180}
            />
          </Group>
        </TermsSection>

        <TermsSection title={t('terms.sections.prices')}>
          <SectionError error={err('prices')} />
          <NumberField
            label={t('terms.monthlyFee')}
            withAsterisk
            min={0}
            decimalScale={2}
            suffix=" €"
            maw={260}
            value={terms.prices.monthlyFee ?? Number.NaN}
            onChange={(value) => update((draft) => void (draft.prices.monthlyFee = value))}
            error={err('prices.monthlyFee')}
          />
          <Text fw={600} size="sm">
            {t('terms.workUnits')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('terms.editor.countedOnHelp')}
          </Text>
          <SectionError error={err('prices.workUnits')} />
          {terms.prices.workUnits.map((unit, index) => {
            const rowName = t('terms.editor.workUnitRow', { n: index + 1 })
            const path = `prices.workUnits[${index}]`
            return (
              <Row key={index} removeLabel={t('terms.editor.remove', { row: rowName })} onRemove={() => update((draft) => void draft.prices.workUnits.splice(index, 1), true)} error={err(path)}>
                <TextInput
                  label={t('terms.workUnitCode')}
                  aria-label={row(t('terms.workUnitCode'), rowName)}
                  w={120}
                  value={unit.code}
                  onChange={(event) => {
                    const value = event.currentTarget.value
                    update((draft) => void (draft.prices.workUnits[index]!.code = value))
                  }}
                  error={err(`${path}.code`)}
                />
                <TextInput
                  label={t('terms.workUnitLabel')}
                  aria-label={row(t('terms.workUnitLabel'), rowName)}
                  style={{ flex: 1 }}
                  miw={180}
                  value={unit.label}
                  onChange={(event) => {
                    const value = event.currentTarget.value
                    update((draft) => void (draft.prices.workUnits[index]!.label = value))
                  }}
                  error={err(`${path}.label`)}
                />
                <NumberField
                  label={t('terms.unitPrice')}
                  aria-label={row(t('terms.unitPrice'), rowName)}
                  w={150}
                  min={0}
                  decimalScale={2}
                  suffix=" €"
                  value={unit.unitPrice}
                  onChange={(value) => update((draft) => void (draft.prices.workUnits[index]!.unitPrice = value))}
                  error={err(`${path}.unitPrice`)}
                />
                <NativeSelect
                  label={t('terms.countedOn')}
                  aria-label={row(t('terms.countedOn'), rowName)}
                  w={190}
                  value={unit.countedOn ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value
                    update((draft) => void (draft.prices.workUnits[index]!.countedOn = value === '' ? null : (value as InventoryType)))
                  }}
                  data={[
                    { value: '', label: t('terms.notLimited') },
                    ...inventoryTypes.map((type) => ({ value: type, label: t(`inventory.types.${type}`) })),
                  ]}
                  error={err(`${path}.countedOn`)}
                />
              </Row>
            )
          })}
          <AddButton onClick={() => update((draft) => void draft.prices.workUnits.push({ code: '', label: '', unitPrice: 0, countedOn: null }), true)}>
            {t('terms.editor.addWorkUnit')}
          </AddButton>

          <Text fw={600} size="sm">
            {t('terms.invoiceTolerance')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('terms.editor.toleranceHelp')}
          </Text>
          <SectionError error={err('invoiceTolerance')} />
          <Group align="flex-start" wrap="wrap">
            <NumberField
              label={t('terms.toleranceAmount')}
              w={200}
              min={0}
              decimalScale={2}
              suffix=" €"
              value={terms.invoiceTolerance?.amount ?? Number.NaN}
              onChange={(value) => update((draft) => void (draft.invoiceTolerance = { ...draft.invoiceTolerance, amount: limit(value) }))}
              error={err('invoiceTolerance.amount')}
            />
            <NumberField
              label={t('terms.tolerancePercent')}
              w={200}
              min={0}
              max={100}
              decimalScale={2}
              suffix=" %"
              value={terms.invoiceTolerance?.percent ?? Number.NaN}
              onChange={(value) => update((draft) => void (draft.invoiceTolerance = { ...draft.invoiceTolerance, percent: limit(value) }))}
              error={err('invoiceTolerance.percent')}
            />
          </Group>
        </TermsSection>

        <TermsSection title={t('terms.sections.revision')}>
          <SectionError error={err('revision')} />
          <Switch
            label={t('terms.editor.withRevision')}
            checked={terms.revision !== null}
            onChange={(event) => {
              const on = event.currentTarget.checked
              update((draft) => {
                draft.revision = on ? { index: 'SYNTEC', a: 0.15, b: 0.85, referenceMonth: '', anniversary: '' } : null
              })
            }}
          />
          {terms.revision !== null && (
            <>
              <Text size="sm">{t('terms.revisionFormula')}</Text>
              <Group align="flex-start" wrap="wrap">
                <NumberField
                  label={t('terms.revisionA')}
                  w={140}
                  min={0}
                  max={1}
                  decimalScale={4}
                  value={terms.revision.a}
                  onChange={(value) => update((draft) => void (draft.revision!.a = value))}
                  error={err('revision.a')}
                />
                <NumberField
                  label={t('terms.revisionB')}
                  w={140}
                  min={0}
                  max={1}
                  decimalScale={4}
                  value={terms.revision.b}
                  onChange={(value) => update((draft) => void (draft.revision!.b = value))}
                  error={err('revision.b')}
                />
                <MonthField
                  clearable
                  label={t('terms.referenceMonth')}
                  description={t('terms.editor.referenceMonthHelp')}
                  w={200}
                  value={terms.revision.referenceMonth}
                  onChange={(value) => update((draft) => void (draft.revision!.referenceMonth = value))}
                  error={err('revision.referenceMonth')}
                />
                <DateField
                  label={t('terms.anniversary')}
                  description={t('terms.editor.anniversaryHelp')}
                  w={200}
                  value={terms.revision.anniversary}
                  onChange={(value) => update((draft) => void (draft.revision!.anniversary = value))}
                  error={err('revision.anniversary')}
                />
              </Group>
            </>
          )}
        </TermsSection>

        <TermsSection title={t('terms.sections.calendar')}>
          <SectionError error={err('calendar')} />
          <Autocomplete
            label={t('terms.timeZone')}
            withAsterisk
            maw={320}
            data={timeZones(terms.calendar.timeZone)}
            limit={20}
            value={terms.calendar.timeZone}
            onChange={(value) => update((draft) => void (draft.calendar.timeZone = value))}
            error={err('calendar.timeZone')}
          />
          <Switch
            label={t('terms.alwaysOpen')}
            checked={terms.calendar.alwaysOpen}
            onChange={(event) => {
              const on = event.currentTarget.checked
              update((draft) => void (draft.calendar.alwaysOpen = on))
            }}
            error={err('calendar.alwaysOpen')}
          />
          {!terms.calendar.alwaysOpen && (
            <>
              <Text fw={600} size="sm">
                {t('terms.weekly')}
              </Text>
              <SectionError error={err('calendar.weekly')} />
              {terms.calendar.weekly.map((interval, index) => {
                const rowName = t('terms.editor.intervalRow', { n: index + 1 })
                const path = `calendar.weekly[${index}]`
                return (
                  <Row key={index} removeLabel={t('terms.editor.remove', { row: rowName })} onRemove={() => update((draft) => void draft.calendar.weekly.splice(index, 1), true)} error={err(path)}>
                    <NativeSelect
                      label={t('terms.day')}
                      aria-label={row(t('terms.day'), rowName)}
                      value={interval.day}
                      onChange={(event) => {
                        const value = event.currentTarget.value as WeekDay
                        update((draft) => void (draft.calendar.weekly[index]!.day = value))
                      }}
                      data={weekDays.map((day) => ({ value: day, label: t(`terms.days.${day}`) }))}
                      error={err(`${path}.day`)}
                    />
                    <TimeField
                      label={t('terms.opens')}
                      aria-label={row(t('terms.opens'), rowName)}
                      w={130}
                      value={interval.open}
                      onChange={(value) => update((draft) => void (draft.calendar.weekly[index]!.open = value))}
                      error={err(`${path}.open`)}
                    />
                    <TimeField
                      label={t('terms.closes')}
                      aria-label={row(t('terms.closes'), rowName)}
                      w={130}
                      value={interval.close}
                      onChange={(value) => update((draft) => void (draft.calendar.weekly[index]!.close = value))}
                      error={err(`${path}.close`)}
                    />
                  </Row>
                )
              })}
              <AddButton onClick={() => update((draft) => void draft.calendar.weekly.push({ day: 'monday', open: '09:00', close: '18:00' }), true)}>
                {t('terms.editor.addInterval')}
              </AddButton>
              {/* One pack at most: Alsace-Moselle's includes the national holidays. */}
              <Radio.Group
                label={t('terms.holidayPacks')}
                value={terms.calendar.holidayPacks[0] ?? ''}
                onChange={(value) => update((draft) => void (draft.calendar.holidayPacks = value === '' ? [] : [value as HolidayPack]))}
                error={err('calendar.holidayPacks')}
              >
                <Stack gap="xs" mt="xs">
                  <Radio value="" label={t('terms.noHolidayPack')} />
                  {holidayPacks.map((pack) => (
                    <Radio key={pack} value={pack} label={t(`terms.packs.${holidayPackKey(pack)}`)} />
                  ))}
                </Stack>
              </Radio.Group>
            </>
          )}
          <Text fw={600} size="sm">
            {t('terms.closedDays')}
          </Text>
          <SectionError error={err('calendar.closedDays')} />
          {terms.calendar.closedDays.map((day, index) => {
            const rowName = t('terms.editor.closedDayRow', { n: index + 1 })
            return (
              <Row key={index} removeLabel={t('terms.editor.remove', { row: rowName })} onRemove={() => update((draft) => void draft.calendar.closedDays.splice(index, 1), true)}>
                <DateField
                  label={rowName}
                  w={200}
                  value={day}
                  onChange={(value) => update((draft) => void (draft.calendar.closedDays[index] = value))}
                  error={err(`calendar.closedDays[${index}]`)}
                />
              </Row>
            )
          })}
          <AddButton onClick={() => update((draft) => void draft.calendar.closedDays.push(''), true)}>{t('terms.editor.addClosedDay')}</AddButton>
        </TermsSection>

        <TermsSection title={t('terms.sections.sla')}>
          <SectionError error={err('sla') ?? err('sla.targets')} />
          {terms.sla.targets.map((target, index) => {
            const rowName = t('terms.editor.priorityRow', { priority: target.priority })
            return (
              // One target per priority, P1 to P4: rows are added for a missing priority, never removed.
              <Row key={`${target.priority}-${index}`} error={err(`sla.targets[${index}]`) ?? err(`sla.targets[${index}].priority`)}>
                <Text fw={700} w={40} mb={8} aria-hidden>
                  {target.priority}
                </Text>
                {duration(index, 'respond', target.respond, rowName)}
                {duration(index, 'resolve', target.resolve, rowName)}
              </Row>
            )
          })}
          {missingPriorities.length > 0 && (
            <AddButton
              onClick={() =>
                update((draft) => {
                  const priority = missingPriorities[0] as Priority
                  draft.sla.targets.push({
                    priority,
                    respond: { value: 1, unit: 'hours', endOfWorkingDay: false },
                    resolve: { value: 1, unit: 'businessDays', endOfWorkingDay: false },
                  })
                  draft.sla.targets.sort((a, b) => a.priority.localeCompare(b.priority))
                }, true)
              }
            >
              {t('terms.editor.addPriority', { priority: missingPriorities[0] })}
            </AddButton>
          )}
          <TextInput
            label={t('terms.warningThresholds')}
            description={t('terms.editor.thresholdsHelp')}
            maw={320}
            value={thresholds}
            onChange={(event) => setThresholds(event.currentTarget.value)}
            error={err('sla.warningThresholds')}
          />
          <SlaPreview
            calendar={terms.calendar}
            targets={terms.sla.targets}
            warningThresholds={typedThresholds.every(Number.isInteger) ? typedThresholds : undefined}
          />
        </TermsSection>

        <TermsSection title={t('terms.sections.penalties')}>
          <SectionError error={err('penalties')} />
          <Text fw={600} size="sm">
            {t('terms.perBreach')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('terms.editor.perBreachHelp')}
          </Text>
          <SectionError error={err('penalties.perBreach')} />
          {terms.penalties.perBreach.map((rule, index) => {
            const rowName = t('terms.editor.penaltyRow', { n: index + 1 })
            const path = `penalties.perBreach[${index}]`
            return (
              <Row key={index} removeLabel={t('terms.editor.remove', { row: rowName })} onRemove={() => update((draft) => void draft.penalties.perBreach.splice(index, 1), true)} error={err(path)}>
                <NativeSelect
                  label={t('terms.priority')}
                  aria-label={row(t('terms.priority'), rowName)}
                  value={rule.priority}
                  onChange={(event) => {
                    const value = event.currentTarget.value as Priority
                    update((draft) => void (draft.penalties.perBreach[index]!.priority = value))
                  }}
                  data={[...priorities]}
                  error={err(`${path}.priority`)}
                />
                <NativeSelect
                  label={t('terms.clock')}
                  aria-label={row(t('terms.clock'), rowName)}
                  value={rule.clock ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value
                    update((draft) => void (draft.penalties.perBreach[index]!.clock = value === '' ? null : (value as SlaClock)))
                  }}
                  data={[{ value: '', label: t('terms.clocks.both') }, ...slaClocks.map((clock) => ({ value: clock, label: t(`terms.clocks.${clock}`) }))]}
                  error={err(`${path}.clock`)}
                />
                <NativeSelect
                  label={t('terms.penaltyKind')}
                  aria-label={row(t('terms.penaltyKind'), rowName)}
                  value={rule.kind}
                  onChange={(event) => {
                    const value = event.currentTarget.value as PenaltyKind
                    update((draft) => void (draft.penalties.perBreach[index]!.kind = value))
                  }}
                  data={penaltyKinds.map((kind) => ({ value: kind, label: t(`terms.penaltyKinds.${kind}`) }))}
                  error={err(`${path}.kind`)}
                />
                <NumberField
                  label={rule.kind === 'fixed' ? t('terms.amountEuros') : t('terms.amountPercent')}
                  aria-label={row(t('terms.amount'), rowName)}
                  w={150}
                  min={0}
                  max={rule.kind === 'fixed' ? undefined : 100}
                  decimalScale={rule.kind === 'fixed' ? 2 : 4}
                  suffix={rule.kind === 'fixed' ? ' €' : ' %'}
                  value={rule.amount}
                  onChange={(value) => update((draft) => void (draft.penalties.perBreach[index]!.amount = value))}
                  error={err(`${path}.amount`)}
                />
              </Row>
            )
          })}
          <AddButton onClick={() => update((draft) => void draft.penalties.perBreach.push({ priority: 'P1', kind: 'fixed', amount: 0, clock: null }), true)}>
            {t('terms.editor.addPenalty')}
          </AddButton>
          <Group align="flex-start" wrap="wrap">
            <NumberField
              label={t('terms.monthlyFreeBreaches')}
              description={t('terms.editor.freeBreachesHelp')}
              w={240}
              min={0}
              max={1000}
              allowDecimal={false}
              value={terms.penalties.monthlyFreeBreaches}
              onChange={(value) => update((draft) => void (draft.penalties.monthlyFreeBreaches = value))}
              error={err('penalties.monthlyFreeBreaches')}
            />
          </Group>

          <Text fw={600} size="sm">
            {t('terms.successRateTargets')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('terms.editor.successRateHelp')}
          </Text>
          <SectionError error={err('penalties.successRateTargets')} />
          {terms.penalties.successRateTargets.map((target, index) => {
            const rowName = t('terms.editor.successRateRow', { n: index + 1 })
            const path = `penalties.successRateTargets[${index}]`
            const percentField = (field: 'targetPercent' | 'creditPercentPerPoint' | 'maxCreditPercent') => (
              <NumberField
                label={t(`terms.${field}`)}
                aria-label={row(t(`terms.${field}`), rowName)}
                w={170}
                min={0}
                max={100}
                decimalScale={2}
                suffix=" %"
                value={target[field]}
                onChange={(value) => update((draft) => void (draft.penalties.successRateTargets[index]![field] = value))}
                error={err(`${path}.${field}`)}
              />
            )
            return (
              <Row
                key={index}
                removeLabel={t('terms.editor.remove', { row: rowName })}
                onRemove={() => update((draft) => void draft.penalties.successRateTargets.splice(index, 1), true)}
                error={err(path)}
              >
                <NativeSelect
                  label={t('terms.priority')}
                  aria-label={row(t('terms.priority'), rowName)}
                  value={target.priority}
                  onChange={(event) => {
                    const value = event.currentTarget.value as Priority
                    update((draft) => void (draft.penalties.successRateTargets[index]!.priority = value))
                  }}
                  data={[...priorities]}
                  error={err(`${path}.priority`)}
                />
                <NativeSelect
                  label={t('terms.clock')}
                  aria-label={row(t('terms.clock'), rowName)}
                  value={target.clock}
                  onChange={(event) => {
                    const value = event.currentTarget.value as SlaClock
                    update((draft) => void (draft.penalties.successRateTargets[index]!.clock = value))
                  }}
                  data={slaClocks.map((clock) => ({ value: clock, label: t(`terms.clocks.${clock}`) }))}
                  error={err(`${path}.clock`)}
                />
                {percentField('targetPercent')}
                {percentField('creditPercentPerPoint')}
                {percentField('maxCreditPercent')}
              </Row>
            )
          })}
          <AddButton
            onClick={() =>
              update(
                (draft) =>
                  void draft.penalties.successRateTargets.push({
                    priority: 'P1',
                    clock: 'resolve',
                    targetPercent: 95,
                    creditPercentPerPoint: 0.5,
                    maxCreditPercent: 5,
                  }),
                true,
              )
            }
          >
            {t('terms.editor.addSuccessRate')}
          </AddButton>

          <Text fw={600} size="sm">
            {t('terms.availabilityBands')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('terms.editor.bandsHelp')}
          </Text>
          <SectionError error={err('penalties.availabilityBands')} />
          {terms.penalties.availabilityBands.map((band, index) => {
            const rowName = t('terms.editor.bandRow', { n: index + 1 })
            const path = `penalties.availabilityBands[${index}]`
            return (
              <Row key={index} removeLabel={t('terms.editor.remove', { row: rowName })} onRemove={() => update((draft) => void draft.penalties.availabilityBands.splice(index, 1), true)} error={err(path)}>
                <NumberField
                  label={t('terms.belowPercent')}
                  aria-label={row(t('terms.belowPercent'), rowName)}
                  w={200}
                  min={0}
                  max={100}
                  decimalScale={3}
                  suffix=" %"
                  value={band.belowPercent}
                  onChange={(value) => update((draft) => void (draft.penalties.availabilityBands[index]!.belowPercent = value))}
                  error={err(`${path}.belowPercent`)}
                />
                <NumberField
                  label={t('terms.penaltyPercentOfFee')}
                  aria-label={row(t('terms.penaltyPercentOfFee'), rowName)}
                  w={200}
                  min={0}
                  max={100}
                  decimalScale={2}
                  suffix=" %"
                  value={band.penaltyPercentOfFee}
                  onChange={(value) => update((draft) => void (draft.penalties.availabilityBands[index]!.penaltyPercentOfFee = value))}
                  error={err(`${path}.penaltyPercentOfFee`)}
                />
              </Row>
            )
          })}
          <AddButton onClick={() => update((draft) => void draft.penalties.availabilityBands.push({ belowPercent: 99.5, penaltyPercentOfFee: 5 }), true)}>
            {t('terms.editor.addBand')}
          </AddButton>

          <Text fw={600} size="sm">
            {t('terms.capsAndMinimum')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('terms.editor.capsHelp')}
          </Text>
          <Group align="flex-start" wrap="wrap">
            <NumberField
              label={t('terms.monthlyCapPercent')}
              description={t('terms.editor.monthlyCapHelp')}
              w={220}
              min={0}
              max={100}
              decimalScale={2}
              suffix=" %"
              value={terms.penalties.monthlyCapPercent}
              onChange={(value) => update((draft) => void (draft.penalties.monthlyCapPercent = value))}
              error={err('penalties.monthlyCapPercent')}
            />
            <NumberField
              label={t('terms.annualCapPercent')}
              description={t('terms.editor.annualCapHelp')}
              w={220}
              min={0}
              max={100}
              decimalScale={2}
              suffix=" %"
              value={terms.penalties.annualCapPercent}
              onChange={(value) => update((draft) => void (draft.penalties.annualCapPercent = value))}
              error={err('penalties.annualCapPercent')}
            />
            <NumberField
              label={t('terms.minimumTotal')}
              description={t('terms.editor.minimumHelp')}
              w={220}
              min={0}
              decimalScale={2}
              suffix=" €"
              value={terms.penalties.minimumTotal}
              onChange={(value) => update((draft) => void (draft.penalties.minimumTotal = value))}
              error={err('penalties.minimumTotal')}
            />
          </Group>
          <PenaltyPreview rules={terms.penalties} monthlyFee={terms.prices.monthlyFee ?? Number.NaN} timeZone={terms.calendar.timeZone} />
        </TermsSection>

        <TermsSection title={t('terms.sections.clauses')}>
          <Textarea
            label={t('terms.evolutionClause')}
            autosize
            minRows={3}
            value={terms.evolutionClause}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((draft) => void (draft.evolutionClause = value))
            }}
            error={err('evolutionClause')}
          />
          <Textarea
            label={t('terms.reversibilityClause')}
            autosize
            minRows={3}
            value={terms.reversibilityClause}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((draft) => void (draft.reversibilityClause = value))
            }}
            error={err('reversibilityClause')}
          />
        </TermsSection>

        {Object.keys(errors).length > 0 && (
          <Alert color="red" role="alert" title={t('terms.editor.invalidTitle')}>
            {t('terms.editor.invalid')}
          </Alert>
        )}
        {Object.keys(unplaced).length > 0 && (
          <Alert color="red" role="alert" title={t('terms.editor.otherErrors')}>
            <List size="sm">
              {Object.entries(unplaced).map(([path, message]) => (
                <List.Item key={path}>{t('errors.fieldMessage', { field: path, message })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {failure && <ErrorAlert error={failure} />}
        <Group justify="flex-end" className="sticky-actions">
          <Button type="submit" loading={save.isPending}>
            {t('terms.editor.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
