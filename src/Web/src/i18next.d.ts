import 'i18next'
import type en from './locales/en.json'

// Translation keys are checked by the compiler against the English file; a test keeps French identical.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en }
  }
}
