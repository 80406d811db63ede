import { NumberInput, type NumberInputProps } from '@mantine/core'
import { useState } from 'react'
import { decimalSeparator, useFormattingLocale } from '../format'

type Props = Omit<NumberInputProps, 'value' | 'onChange'> & {
  /** NaN while the field is empty or not a number yet: sent as is, the server names the field. */
  value: number
  onChange: (value: number) => void
}

const parse = (text: string | number) => (typeof text === 'number' ? text : text.trim() === '' ? Number.NaN : Number(text.replace(/\s/g, '').replace(',', '.')))
const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b))

/**
 * A number bound to a number: what is being typed ("12," on the way to "12,5") stays on screen while the
 * value it stands for goes up; a value changed from outside replaces it. The decimal separator is the
 * locale's.
 */
export function NumberField({ value, onChange, ...props }: Props) {
  const locale = useFormattingLocale()
  const [text, setText] = useState<string | number>(Number.isFinite(value) ? value : '')
  const shown = same(parse(text), value) ? text : Number.isFinite(value) ? value : ''
  return (
    <NumberInput
      decimalSeparator={decimalSeparator(locale)}
      {...props}
      value={shown}
      onChange={(next) => {
        setText(next)
        onChange(parse(next))
      }}
    />
  )
}
