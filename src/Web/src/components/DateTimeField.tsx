import { DateInput, type DateInputProps } from '@mantine/dates'
import { useTranslation } from 'react-i18next'
import { calendarLabels, dayPattern, dayPlaceholder, parseTypedDateTime, usesTwelveHours } from '../dateText'
import { useFormattingLocale } from '../format'
import { AppDates } from './DateField'

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'defaultValue' | 'withTime'> & {
  /** A wall-clock time as an instant's local part is written, "2034-06-09T08:46" (or with seconds); empty while none. */
  value: string
  onChange: (value: string) => void
  withSeconds?: boolean
}

/**
 * A day and a time typed in the order of the app language's locale (09/06/2034 08:46 in French), or a day picked on
 * its calendar keeping the time typed. The value carries no zone: the form says in which zone it is read.
 */
export function DateTimeField({ value, onChange, withSeconds = false, ...props }: Props) {
  const { t, i18n } = useTranslation()
  const locale = useFormattingLocale()
  const pattern = dayPattern(locale)
  const twelve = usesTwelveHours(locale)
  const clock = `${twelve ? 'hh' : 'HH'}:mm${withSeconds ? ':ss' : ''}${twelve ? ' A' : ''}`
  const time = value.slice(11) || '00:00'
  return (
    <AppDates>
      <DateInput
        ariaLabels={calendarLabels(t)}
        withTime
        allowDeselect
        placeholder={`${dayPlaceholder(pattern, i18n.language)} ${clock.toLowerCase().replace(' a', '')}`}
        {...props}
        value={value === '' ? null : `${value.slice(0, 10)} ${time}`}
        valueFormat={`${pattern} ${clock}`}
        dateParser={(text) => parseTypedDateTime(text, pattern)}
        onChange={(next) => {
          if (next === null) return onChange('')
          // A day picked on the calendar comes without its time: the one typed stays.
          const [day, at = time] = next.split(' ')
          onChange(`${day}T${at.slice(0, withSeconds ? 8 : 5)}`)
        }}
      />
    </AppDates>
  )
}
