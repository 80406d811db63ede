import { Badge, Text } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
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
export function PhaseStepper({ phase }: { phase: Phase }) {
  const { t } = useTranslation()
  const current = phases.indexOf(phase)
  return (
    <ol className="phase-stepper" aria-label={t('contracts.phaseStepper')}>
      {phases.map((step, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'todo'
        return (
          <li key={step} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="phase-stepper-dot" aria-hidden>
              {state === 'done' ? <IconCheck size={14} /> : index + 1}
            </span>
            <Text span size="sm" fw={state === 'current' ? 700 : 400}>
              {t(`contracts.phases.${step}`)}
              {step === 'upgrade' && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  {t('contracts.optional')}
                </Text>
              )}
            </Text>
            {state !== 'todo' && <span className="visually-hidden">{t(`contracts.stepStates.${state}`)}</span>}
          </li>
        )
      })}
    </ol>
  )
}
