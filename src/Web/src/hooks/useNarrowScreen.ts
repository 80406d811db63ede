import { useMantineTheme } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'

/**
 * Whether the screen is narrower than Mantine's `sm` breakpoint. Read on the first render (the app is never rendered
 * on a server), so a phone gets its cards at once rather than a table that changes into them.
 */
export function useNarrowScreen() {
  const theme = useMantineTheme()
  return useMediaQuery(`(width < ${theme.breakpoints.sm})`, false, { getInitialValueInEffect: false })
}
