import { Button, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useChooseLanguage } from '../hooks/session'
import { languages } from '../i18n'

/**
 * FR / EN toggle buttons; the choice is kept in localStorage and sets <html lang> (see i18n.ts), and once signed
 * in it becomes the account's language too.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const choose = useChooseLanguage()
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
            onClick={() => choose(language)}
          >
            {t(`language.codes.${language}`)}
          </Button>
        )
      })}
    </Group>
  )
}
