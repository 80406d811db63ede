import { useTranslation } from 'react-i18next'

/** Dates from the API are UTC instants; they are shown in the browser's time zone, in the current language. */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function useFormatDateTime() {
  const { i18n } = useTranslation()
  return (iso: string) => formatDateTime(iso, i18n.language)
}
