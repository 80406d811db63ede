import { CloseButton, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/** The search box: the list follows as one types, once typing pauses, so that each key is not a request. */
export function SearchBox({ label, placeholder, value, onSearch }: { label: string; placeholder: string; value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation()
  const [text, setText] = useState(value)
  const [shown, setShown] = useState(value)
  const [sent, setSent] = useState(value)
  // The address may change the search (back, a saved view): the box follows it, but not the echo of what it sent
  // itself, which may arrive after more was typed.
  if (value !== shown) {
    setShown(value)
    if (value !== sent) setText(value)
  }
  const search = useDebouncedCallback((q: string) => {
    setSent(q.trim())
    onSearch(q.trim())
  }, 300)
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      type="search"
      onChange={(event) => {
        setText(event.currentTarget.value)
        search(event.currentTarget.value)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          search.flush()
        }
      }}
      rightSection={
        text ? (
          <CloseButton
            aria-label={t('common.clearSearch')}
            onClick={() => {
              setText('')
              search.cancel()
              setSent('')
              onSearch('')
            }}
          />
        ) : null
      }
    />
  )
}
