import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './locales/en.json'
import fr from './locales/fr.json'

export const languages = ['fr', 'en'] as const
type Language = (typeof languages)[number]

const storageKey = 'infogerance.language'

function isLanguage(value: string | null): value is Language {
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

export default i18n
