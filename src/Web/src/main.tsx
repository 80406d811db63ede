import './mantine-first-screen.css'
import '@mantine/notifications/styles.css'
import './styles.css'
import './i18n'
import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { AppRoutes } from './App'
import { createQueryClient } from './queryClient'
import { theme } from './theme'

const queryClient = createQueryClient()
// A data router, for the navigation guard's blocker; the routes themselves are declared in AppRoutes.
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }])

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
)
