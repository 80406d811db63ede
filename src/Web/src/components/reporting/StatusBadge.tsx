import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { FigureStatusValue } from '../../hooks/reporting'
import { statusColor } from '../../reportingRules'

/** A figure's green / amber / red status against the contract's target, in words as well as colour. */
export function StatusBadge({ status }: { status?: FigureStatusValue | null }) {
  const { t } = useTranslation()
  if (!status) return null
  return (
    <Badge color={statusColor[status]} variant="light" size="sm">
      {t(`reporting.status.${status}`)}
    </Badge>
  )
}
