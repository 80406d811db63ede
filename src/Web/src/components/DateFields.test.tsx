import { MantineProvider } from '@mantine/core'
import { act, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import i18n from '../i18n'
import { pickMonth } from '../test/dates'
import { theme } from '../theme'
import { DateTimeField } from './DateTimeField'
import { MonthField } from './MonthField'
import { TimeField } from './TimeField'

/** Each field with what it would send shown beside it. */
function Fields({ start = '' }: { start?: string }) {
  const [month, setMonth] = useState('2026-03')
  const [time, setTime] = useState('09:00')
  const [at, setAt] = useState(start)
  return (
    <MantineProvider theme={theme} env="test">
      <MonthField label="Month" value={month} onChange={setMonth} />
      <TimeField label="Opens" value={time} onChange={setTime} />
      <DateTimeField label="Started at" value={at} onChange={setAt} />
      <output aria-label="Sent">{[month, time, at].join(' | ')}</output>
    </MantineProvider>
  )
}

const sent = () => screen.getByLabelText('Sent').textContent

describe('month, time and date-time fields', () => {
  it('show the app language’s words and send what the API reads', async () => {
    await act(() => i18n.changeLanguage('fr'))
    try {
      render(<Fields start="2034-06-09T08:46" />)
      expect(screen.getByLabelText('Month')).toHaveTextContent('mars 2026')
      expect(screen.getByLabelText('Started at')).toHaveValue('09/06/2034 08:46')
      expect(screen.queryByLabelText('Opens — matin ou après-midi')).not.toBeInTheDocument()

      await pickMonth(screen.getByLabelText('Month'), '2027-10', 'fr')
      expect(screen.getByLabelText('Month')).toHaveTextContent('octobre 2027')
      fireEvent.change(screen.getByLabelText('Started at'), { target: { value: '31/10/2027 01:30' } })
      expect(sent()).toBe('2027-10 | 09:00 | 2027-10-31T01:30')
    } finally {
      await act(() => i18n.changeLanguage('en'))
    }
  })

  it('keeps the time typed when a day is picked on the calendar', async () => {
    render(<Fields start="2034-06-09T08:46" />)
    await userEvent.click(screen.getByLabelText('Started at'))
    await userEvent.click(await screen.findByRole('button', { name: '12 June 2034' }))
    expect(sent()).toBe('2026-03 | 09:00 | 2034-06-12T08:46')
  })

  it('sends a time on 24 hours whatever clock the language reads', async () => {
    render(<Fields />)
    await userEvent.clear(screen.getByLabelText('Opens'))
    await userEvent.type(screen.getByLabelText('Opens'), '02')
    await userEvent.type(screen.getByLabelText('Opens — minutes'), '30')
    await userEvent.selectOptions(screen.getByLabelText('Opens — AM or PM'), 'PM')
    expect(sent()).toBe('2026-03 | 14:30 | ')
  })
})
