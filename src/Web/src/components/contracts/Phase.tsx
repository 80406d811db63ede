import { Badge, Text } from '@mantine/core'
import { IconCheck, IconMinus } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { stepState } from '../../contractRules'
import { phases, type Phase } from '../../hooks/contracts'

const phaseColor: Record<Phase, string> = {
  draft: 'gray',
  signed: 'blue',
  takeover: 'cyan',
  upgrade: 'violet',
  run: 'teal',
  reversibility: 'orange',
  closed: 'dark',
}

export function PhaseBadge({ phase }: { phase: Phase }) {
  const { t } = useTranslation()
  return <Badge color={phaseColor[phase]}>{t(`contracts.phases.${phase}`)}</Badge>
}

/** The life of a contract, from draft to closed, with where this one stands (aria-current on its phase). */
export function PhaseStepper({ phase, skipped = [] }: { phase: Phase; skipped?: readonly Phase[] }) {
  const { t } = useTranslation()
  return (
    <ol className="phase-stepper" aria-label={t('contracts.phaseStepper')}>
      {phases.map((step, index) => {
        const state = stepState(step, phase, skipped)
        return (
          <li key={step} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="phase-stepper-dot" aria-hidden>
              {state === 'done' ? <IconCheck size={14} /> : state === 'skipped' ? <IconMinus size={14} /> : index + 1}
            </span>
            <Text span size="sm" fw={state === 'current' ? 700 : 400} td={state === 'skipped' ? 'line-through' : undefined}>
              {t(`contracts.phases.${step}`)}
            </Text>
            {step === 'upgrade' && state !== 'skipped' && (
              <Text span size="xs" c="dimmed">
                {t('contracts.optional')}
              </Text>
            )}
            {state === 'skipped' && (
              <Text span size="xs" c="dimmed">
                {t('contracts.stepStates.skipped')}
              </Text>
            )}
            {(state === 'done' || state === 'current') && <span className="visually-hidden">{t(`contracts.stepStates.${state}`)}</span>}
          </li>
        )
      })}
    </ol>
  )
}
