import { Button, MantineProvider, Textarea } from '@mantine/core'
import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState, type ReactNode } from 'react'
import { createMemoryRouter, Link, Outlet, RouterProvider, useLocation } from 'react-router'
import { describe, expect, it } from 'vitest'
import { FormModal } from '../components/FormModal'
import { NavigationGuard } from '../components/NavigationGuard'
import { drafts } from '../drafts'
import { clientAdmin } from '../test/render'
import { theme } from '../theme'
import { UserContext, type UserInfo } from './session'
import { useDraft } from './useDraft'

function NoteForm() {
  const draft = useDraft('note', () => ({ text: '' }))
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        draft.saved()
      }}
    >
      <Textarea label="Note" value={draft.value.text} onChange={(event) => draft.patch({ text: event.currentTarget.value })} />
      <Button type="submit">Save</Button>
    </form>
  )
}

function DialogPage() {
  const [opened, setOpened] = useState(false)
  return (
    <>
      <Button onClick={() => setOpened(true)}>Open</Button>
      <FormModal opened={opened} onClose={() => setOpened(false)} title="Write">
        <NoteForm />
      </FormModal>
    </>
  )
}

function Where() {
  const location = useLocation()
  return <p data-testid="where">{location.pathname}</p>
}

/** The application's frame as far as the guard and the drafts need it: a data router, the guard, a signed-in user. */
function renderPages(user: UserInfo | null, initial = '/form', page: ReactNode = <NoteForm />) {
  const router = createMemoryRouter(
    [
      {
        element: (
          <NavigationGuard>
            <UserContext value={user}>
              <nav>
                <Link to="/elsewhere">Elsewhere</Link>
              </nav>
              <Where />
              <Outlet />
            </UserContext>
          </NavigationGuard>
        ),
        children: [
          { path: '/', element: <p>Home</p> },
          { path: '/form', element: page },
          { path: '/elsewhere', element: <p>Another page</p> },
        ],
      },
    ],
    { initialEntries: ['/', initial], initialIndex: 1 },
  )
  const view = render(
    <MantineProvider theme={theme} env="test">
      <RouterProvider router={router} />
    </MantineProvider>,
  )
  return { router, ...view }
}

const where = () => screen.getByTestId('where').textContent

describe('the unsaved-changes guard', () => {
  it('asks before another page opens: staying keeps the text, leaving goes', async () => {
    renderPages(clientAdmin)
    await userEvent.type(screen.getByLabelText('Note'), 'Monthly fee 13 200')
    await userEvent.click(screen.getByRole('link', { name: 'Elsewhere' }))

    const question = await screen.findByRole('dialog', { name: 'Unsaved changes' })
    expect(question).toHaveTextContent('Your changes have not been saved. Leave this page and lose them?')
    await userEvent.click(screen.getByRole('button', { name: 'Stay' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(where()).toBe('/form')
    expect(screen.getByLabelText('Note')).toHaveValue('Monthly fee 13 200')

    await userEvent.click(screen.getByRole('link', { name: 'Elsewhere' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Leave the page' }))
    expect(await screen.findByText('Another page')).toBeInTheDocument()
  })

  it('asks on Back too, and not at all once the changes are saved or undone', async () => {
    const { router } = renderPages(clientAdmin)
    await userEvent.type(screen.getByLabelText('Note'), 'x')
    await act(() => router.navigate(-1))
    expect(await screen.findByRole('dialog', { name: 'Unsaved changes' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Stay' }))
    expect(where()).toBe('/form')

    await userEvent.clear(screen.getByLabelText('Note'))
    await userEvent.click(screen.getByRole('link', { name: 'Elsewhere' }))
    expect(await screen.findByText('Another page')).toBeInTheDocument()
  })

  it('lets the browser ask before the tab is closed or reloaded while changes are unsaved', async () => {
    renderPages(clientAdmin)
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(unload()).toBe(false)
    await userEvent.type(screen.getByLabelText('Note'), 'x')
    await waitFor(() => expect(unload()).toBe(true))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(unload()).toBe(false))
    await userEvent.click(screen.getByRole('link', { name: 'Elsewhere' }))
    expect(await screen.findByText('Another page')).toBeInTheDocument()
  })

  it('closes an open dialog on Back rather than leaving the page, asking first when the dialog holds changes', async () => {
    const { router } = renderPages(clientAdmin, '/form', <DialogPage />)
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    expect(await screen.findByRole('dialog', { name: 'Write' })).toBeInTheDocument()
    await act(() => router.navigate(-1))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Write' })).not.toBeInTheDocument())
    expect(where()).toBe('/form')

    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    await userEvent.type(await screen.findByLabelText('Note'), 'half a sentence')
    await act(() => router.navigate(-1))
    const question = await screen.findByRole('dialog', { name: 'Unsaved changes' })
    expect(question).toHaveTextContent('Your changes in this dialog have not been saved. Close it and lose them?')
    await userEvent.click(screen.getByRole('button', { name: 'Stay' }))
    expect(screen.getByLabelText('Note')).toHaveValue('half a sentence')

    await act(() => router.navigate(-1))
    await userEvent.click(await screen.findByRole('button', { name: 'Discard the changes' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Write' })).not.toBeInTheDocument())
    expect(where()).toBe('/form')
  })
})

describe('a draft kept through the end of a session', () => {
  it('comes back in its form for the same person only, and is dropped once sent', async () => {
    const first = renderPages(clientAdmin)
    await userEvent.type(screen.getByLabelText('Note'), 'Le correctif est prêt')
    drafts.keepAll(clientAdmin.id)
    first.unmount()

    // Someone else signs in on this tab: nothing of the previous person's text.
    const other = { ...clientAdmin, id: 'u-2' }
    const second = renderPages(other)
    expect(screen.getByLabelText('Note')).toHaveValue('')
    second.unmount()

    drafts.signedIn(clientAdmin.id)
    renderPages(clientAdmin)
    expect(screen.getByLabelText('Note')).toHaveValue('Le correctif est prêt')
    // Given back, it is still a change to save.
    await userEvent.click(screen.getByRole('link', { name: 'Elsewhere' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Stay' }))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(drafts.has('/#note', clientAdmin.id)).toBe(false)
  })

  it('is given up when the form is left otherwise than by the session ending', async () => {
    const view = renderPages(clientAdmin)
    await userEvent.type(screen.getByLabelText('Note'), 'abandoned')
    drafts.keepAll(clientAdmin.id)
    view.unmount()
    drafts.signedIn(clientAdmin.id)
    const again = renderPages(clientAdmin)
    expect(screen.getByLabelText('Note')).toHaveValue('abandoned')
    again.unmount()
    expect(sessionStorage.length).toBe(0)
  })
})
