import { act, fireEvent, render, screen } from '@testing-library/react'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { afterEach, expect, it } from 'vitest'
import { useViewParams } from './useViewParams'

/** A view whose button searches, as the search box does once its debounce ends. */
function View() {
  const [, setParams] = useViewParams()
  return <button onClick={() => setParams(() => new URLSearchParams('q=vpn'))}>search</button>
}

const search = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'search' })))

afterEach(() => window.history.replaceState(null, '', '/'))

it('applies a change to the view on the page it was drawn for', async () => {
  window.history.replaceState(null, '', '/tickets')
  const router = createBrowserRouter([{ path: '/tickets', element: <View /> }])
  render(<RouterProvider router={router} />)
  await search()
  expect(window.location.pathname + window.location.search).toBe('/tickets?q=vpn')
})

it('drops a change made once the browser has left the page, rather than bringing the user back', async () => {
  window.history.replaceState(null, '', '/tickets')
  const router = createBrowserRouter([{ path: '/tickets', element: <View /> }])
  render(<RouterProvider router={router} />)
  // The address has moved to a ticket whose page is still loading: the list is still drawn, its search box still waiting.
  window.history.pushState(null, '', '/tickets/0192')
  await search()
  expect(window.location.pathname + window.location.search).toBe('/tickets/0192')
})
