import { DEFAULT_THEME } from '@mantine/core'
import { describe, expect, it } from 'vitest'
import styles from './styles.css?raw'

type Rgb = [number, number, number]

const hex = (value: string): Rgb => [parseInt(value.slice(1, 3), 16), parseInt(value.slice(3, 5), 16), parseInt(value.slice(5, 7), 16)]

/** WCAG 2 relative luminance and contrast ratio. */
function luminance([r, g, b]: Rgb) {
  const linear = (channel: number) => {
    const c = channel / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

function contrast(a: Rgb, b: Rgb) {
  const [x, y] = [luminance(a), luminance(b)]
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
}

const white: Rgb = [255, 255, 255]

function palette(name: string): readonly string[] {
  const shades = DEFAULT_THEME.colors[name]
  if (shades === undefined) throw new Error(`Mantine has no colour ${name}`)
  return shades
}

const shade = (name: string, index: number) => hex(palette(name)[index] ?? '')
const palettes = Object.entries(DEFAULT_THEME.colors).filter(([name]) => name !== 'dark')

/** The light scheme's variable, resolved: a palette shade, or one darkened with `color-mix(in srgb, …, #000 p%)`. */
function variable(name: string): Rgb {
  const block = styles.slice(styles.indexOf(":root:root[data-mantine-color-scheme='light']"))
  const value = new RegExp(`--mantine-color-${name}:\\s*([^;]+);`).exec(block)?.[1]
  if (value === undefined) throw new Error(`--mantine-color-${name} is not set`)
  const mixed = /var\(--mantine-color-(\w+)-(\d)\)/.exec(value)
  const other = /^var\(--mantine-color-([\w-]+)\)$/.exec(value)
  if (other?.[1] !== undefined && !mixed) return variable(other[1])
  if (!mixed) throw new Error(`--mantine-color-${name} is ${value}`)
  const [r, g, b] = hex(palette(mixed[1] ?? '')[Number(mixed[2])] ?? '')
  const kept = 1 - Number(/#000 (\d+)%/.exec(value)?.[1] ?? 0) / 100
  return [r * kept, g * kept, b * kept]
}

describe('the light scheme reaches WCAG AA contrast for text', () => {
  it('secondary text, placeholders, errors and links on white and on the lightest grey', () => {
    for (const name of ['dimmed', 'placeholder', 'error', 'anchor', 'success']) {
      expect(contrast(variable(name), white), name).toBeGreaterThanOrEqual(4.5)
      expect(contrast(variable(name), shade('gray', 1)), name).toBeGreaterThanOrEqual(4.5)
    }
  })

  it.each(palettes.map(([name]) => name))('%s: white on its filled colour, its text and outline on white, its light variant', (name) => {
    expect(contrast(white, variable(`${name}-filled`))).toBeGreaterThanOrEqual(4.5)
    expect(contrast(white, variable(`${name}-filled-hover`))).toBeGreaterThanOrEqual(4.5)
    expect(contrast(variable(`${name}-outline`), white)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(variable(`${name}-light-color`), shade(name, 1))).toBeGreaterThanOrEqual(4.5)
  })

  it("measures Mantine's own colours as failing, so the overrides are what passes", () => {
    expect(contrast(shade('gray', 6), white)).toBeLessThan(4.5)
    expect(contrast(white, shade('indigo', 6))).toBeLessThan(4.5)
  })
})
