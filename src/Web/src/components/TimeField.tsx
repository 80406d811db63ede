import { TimePicker, type TimePickerProps } from '@mantine/dates'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { usesTwelveHours } from '../dateText'
import { useFormattingLocale } from '../format'

type Props = Omit<TimePickerProps, 'value' | 'onChange' | 'format' | 'withSeconds' | 'defaultValue' | 'label' | 'error'> & {
  label: string
  /** The field's name when several share a label (a row of a table). */
  'aria-label'?: string
  error?: string
  /** As the API writes a time of day on 24 hours, "09:30"; empty while incomplete. */
  value: string
  onChange: (value: string) => void
}

/**
 * A time of day in hours and minutes, on the clock of the app language's locale (AM / PM in American English),
 * where a native time input would follow the browser's language.
 */
export function TimeField({ value, onChange, label, 'aria-label': name = label, error, ...props }: Props) {
  const { t } = useTranslation()
  const errorId = useId()
  const twelve = usesTwelveHours(useFormattingLocale())
  // The hours field stands for the whole: it carries the name, the error state and the error's text.
  const described = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {}
  return (
    <TimePicker
      {...props}
      label={label}
      error={error}
      errorProps={{ id: errorId }}
      format={twelve ? '12h' : '24h'}
      value={value}
      onChange={onChange}
      hoursInputLabel={name}
      minutesInputLabel={t('common.minutesOf', { field: name })}
      amPmInputLabel={t('common.amPmOf', { field: name })}
      hoursInputProps={described}
    />
  )
}
