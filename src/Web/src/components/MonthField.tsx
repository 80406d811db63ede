import { MonthPickerInput, type MonthPickerInputProps } from '@mantine/dates'
import { useTranslation } from 'react-i18next'
import { calendarLabels } from '../dateText'
import { AppDates } from './DateField'

type Props = Omit<MonthPickerInputProps, 'value' | 'onChange' | 'valueFormat' | 'type' | 'defaultValue'> & {
  /** As the API writes a month, "2027-03"; empty while none is chosen. */
  value: string
  onChange: (value: string) => void
}

/** A month picked among the app language's month names ("mars 2027"), sent as the API writes it. */
export function MonthField({ value, onChange, clearable, ...props }: Props) {
  const { t } = useTranslation()
  return (
    <AppDates>
      <MonthPickerInput
        ariaLabels={calendarLabels(t)}
        valueFormat="MMMM YYYY"
        clearable={clearable}
        clearButtonProps={clearable ? { 'aria-label': t('common.clear') } : undefined}
        {...props}
        value={value === '' ? null : `${value}-01`}
        onChange={(next) => onChange(next === null ? '' : next.slice(0, 7))}
      />
    </AppDates>
  )
}
