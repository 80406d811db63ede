import { MantineProvider } from '@mantine/core'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { onAPhone } from '../test/render'
import { theme } from '../theme'
import { FilterFold, ListCard, ResponsiveList } from './ResponsiveList'

const fruits = [
  { id: 'a', name: 'Apple', colour: 'Red' },
  { id: 'b', name: 'Banana', colour: 'Yellow' },
]

function Fruits() {
  return (
    <MantineProvider theme={theme} env="test">
      <ResponsiveList
        items={fruits}
        keyOf={(fruit) => fruit.id}
        label="Fruits"
        table={
          <table aria-label="Fruits">
            <tbody>
              {fruits.map((fruit) => (
                <tr key={fruit.id}>
                  <td>{fruit.name}</td>
                  <td>{fruit.colour}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
        card={(fruit) => <ListCard title={<a href={`/fruits/${fruit.id}`}>{fruit.name}</a>} badges={<span>ripe</span>} details={[{ label: 'Colour', value: fruit.colour }]} />}
        cardsHeader={<button type="button">Select all</button>}
      />
    </MantineProvider>
  )
}

describe('responsive list', () => {
  it('is a table on a wide screen, and only the table', () => {
    render(<Fruits />)
    expect(screen.getByRole('table', { name: 'Fruits' })).toBeInTheDocument()
    expect(screen.queryByRole('list')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Select all' })).not.toBeInTheDocument()
  })

  it('is a list of cards on a phone, each with its link, badges and labelled values', () => {
    onAPhone()
    render(<Fruits />)
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
    const cards = within(screen.getByRole('list', { name: 'Fruits' })).getAllByRole('listitem')
    expect(cards).toHaveLength(2)
    expect(within(cards[1]!).getByRole('link', { name: 'Banana' })).toHaveAttribute('href', '/fruits/b')
    expect(within(cards[1]!).getByText('ripe')).toBeInTheDocument()
    expect(within(cards[1]!).getByRole('term')).toHaveTextContent('Colour')
    expect(within(cards[1]!).getByRole('definition')).toHaveTextContent('Yellow')
    expect(screen.getByRole('button', { name: 'Select all' })).toBeInTheDocument()
  })
})

describe('filter fold', () => {
  it('keeps the search in view and folds the other filters behind a button counting those in use', async () => {
    render(
      <MantineProvider theme={theme} env="test">
        <FilterFold search={<input aria-label="Search" />} active={2}>
          <select aria-label="Status" />
        </FilterFold>
      </MantineProvider>,
    )
    const button = screen.getByRole('button', { name: 'Filters (2)' })
    const folded = screen.getByLabelText('Status').parentElement!
    expect(screen.getByLabelText('Search')).toBeInTheDocument()
    expect(button).toHaveAttribute('aria-expanded', 'false')
    expect(folded).toHaveClass('filter-fold')
    expect(folded).not.toHaveAttribute('data-open')

    await userEvent.click(button)
    expect(button).toHaveAttribute('aria-expanded', 'true')
    expect(folded).toHaveAttribute('data-open')
  })
})
