import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import dayjs from 'dayjs'
import 'dayjs/locale/fr'

/** Picks a month ("2027-03") in a month field as a person does: its year among the decade's, then its name. */
export async function pickMonth(field: HTMLElement, month: string, language = 'en') {
  await userEvent.click(field)
  const calendar = await screen.findByRole('dialog')
  await userEvent.click(within(calendar).getByRole('button', { name: language === 'fr' ? 'Choisir l’année' : 'Choose the year' }))
  await userEvent.click(within(calendar).getByRole('button', { name: month.slice(0, 4) }))
  await userEvent.click(within(calendar).getByRole('button', { name: dayjs(`${month}-01`).locale(language).format('MMM') }))
}
