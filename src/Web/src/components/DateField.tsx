import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates'
import '@mantine/dates/styles.css'
import 'dayjs/locale/fr'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { calendarLabels, dayPattern, dayPlaceholder, parseTypedDay } from '../dateText'
import { useFormattingLocale } from '../format'

const sundayFirst = ['en', 'en-US', 'en-CA']

/**
 * The calendars of the date fields below it speak the app's language and start their weeks as its locale does,
 * where native inputs would follow the browser's language instead.
 */
export function AppDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  const locale = useFormattingLocale()
  return <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: sundayFirst.includes(locale) ? 0 : 1 }}>{children}</DatesProvider>
}

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'defaultValue'> & {
  /** As the API writes a day, "2026-12-06"; empty while none is chosen. */
  value: string
  onChange: (value: string) => void
}

/**
 * A day, typed in the order of the app language's locale (06/12/2026 in French) or picked on a calendar named in
 * that language.
 */
export function DateField({ value, onChange, ...props }: Props) {
  const { t, i18n } = useTranslation()
  const pattern = dayPattern(useFormattingLocale())
  return (
    <AppDates>
      <DateInput
        ariaLabels={calendarLabels(t)}
        allowDeselect
        placeholder={dayPlaceholder(pattern, i18n.language)}
        {...props}
        value={value === '' ? null : value}
        valueFormat={pattern}
        dateParser={(text) => parseTypedDay(text, pattern)}
        onChange={(next) => onChange(next ?? '')}
      />
    </AppDates>
  )
}
