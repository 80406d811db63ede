import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './locales/en.json'
import fr from './locales/fr.json'

export const languages = ['fr', 'en'] as const
export type Language = (typeof languages)[number]

const storageKey = 'infogerance.language'

function isLanguage(value: string | null | undefined): value is Language {
  return languages.some((language) => language === value)
}

const stored = localStorage.getItem(storageKey)

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: isLanguage(stored) ? stored : 'fr',
  fallbackLng: 'fr',
  supportedLngs: languages,
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
})

document.documentElement.lang = i18n.language
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language
  localStorage.setItem(storageKey, language)
})

/**
 * Once signed in, the interface speaks the language of the person's account, unless this browser already has a
 * choice of its own: one made here is kept.
 */
export function adoptAccountLanguage(language: string | null | undefined) {
  if (localStorage.getItem(storageKey) === null && isLanguage(language)) void i18n.changeLanguage(language)
}

export default i18n
