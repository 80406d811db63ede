import { Button, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { languages } from '../i18n'

/** FR / EN toggle buttons; the choice is kept in localStorage and sets <html lang> (see i18n.ts). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  return (
    <Group gap={4} role="group" aria-label={t('language.label')} wrap="nowrap">
      {languages.map((language) => {
        const current = i18n.language === language
        return (
          <Button
            key={language}
            size="compact-sm"
            variant={current ? 'filled' : 'default'}
            aria-pressed={current}
            lang={language}
            title={t(`language.names.${language}`)}
            onClick={() => void i18n.changeLanguage(language)}
          >
            {t(`language.codes.${language}`)}
          </Button>
        )
      })}
    </Group>
  )
}
