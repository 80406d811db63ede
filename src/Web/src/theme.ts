import { Badge, ComboboxChevron, createTheme, PasswordInput, Table } from '@mantine/core'
import { IconEye, IconEyeOff } from '@tabler/icons-react'
import { createElement } from 'react'

/**
 * A hue as text on the page: its light variant's text colour, which styles.css darkens to AA contrast on white and
 * on the hue's own tint. Shade 9 of some hues (orange, green) is below 4.5:1 on white.
 */
export const textColor = (hue: string) => `var(--mantine-color-${hue}-light-color)`

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
    // The chevron of a select and the eye of a password field only decorate a control that has its own name.
    ComboboxChevron: ComboboxChevron.extend({ defaultProps: { 'aria-hidden': true } }),
    PasswordInput: PasswordInput.extend({
      defaultProps: {
        visibilityToggleIcon: ({ reveal }: { reveal: boolean }) =>
          createElement(reveal ? IconEyeOff : IconEye, { 'aria-hidden': true, style: { width: 'var(--psi-icon-size)', height: 'var(--psi-icon-size)' } }),
      },
    }),
    // A header cell heads its column unless it says otherwise (scope="row" on a row's name), so that a table with
    // both kinds ties every cell to its headers.
    TableTh: Table.Th.extend({ defaultProps: { scope: 'col' } }),
  },
})
