import { Badge, createTheme } from '@mantine/core'

export const theme = createTheme({
  primaryColor: 'indigo',
  // A focus ring on keyboard navigation, not on mouse clicks.
  focusRing: 'auto',
  components: {
    // Badges carry statuses and role names: readable as written, never cut short in a narrow table column.
    Badge: Badge.extend({
      defaultProps: { variant: 'light', tt: 'none' },
      styles: { root: { minWidth: 'max-content' } },
    }),
  },
})
