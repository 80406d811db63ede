import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates'
import '@mantine/dates/styles.css'
import 'dayjs/locale/fr'
import { useTranslation } from 'react-i18next'
import { dayPattern, parseTypedDay } from '../dateText'
import { useFormattingLocale } from '../format'

const sundayFirst = ['en', 'en-US', 'en-CA']

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'defaultValue'> & {
  /** As the API writes a day, "2026-12-06"; empty while none is chosen. */
  value: string
  onChange: (value: string) => void
}

/**
 * A day, typed in the order of the app language's locale (06/12/2026 in French) or picked on a calendar named in
 * that language, where a native date input would follow the browser's language instead.
 */
export function DateField({ value, onChange, ...props }: Props) {
  const { i18n } = useTranslation()
  const locale = useFormattingLocale()
  const pattern = dayPattern(locale)
  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: sundayFirst.includes(locale) ? 0 : 1 }}>
      <DateInput
        allowDeselect
        placeholder={i18n.language === 'fr' ? pattern.replace(/D/g, 'J').replace(/Y/g, 'A') : pattern}
        {...props}
        value={value === '' ? null : value}
        valueFormat={pattern}
        dateParser={(text) => parseTypedDay(text, pattern)}
        onChange={(next) => onChange(next ?? '')}
      />
    </DatesProvider>
  )
}
