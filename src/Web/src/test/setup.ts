import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach, vi } from 'vitest'
import i18n from '../i18n'

// findBy… waits this long for what a slow, shared CI machine renders late (the default is 1 s).
configure({ asyncUtilTimeout: 10_000 })

// jsdom lacks the layout APIs Mantine's components call.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  }),
})
window.HTMLElement.prototype.scrollIntoView = () => {}
Object.defineProperty(document, 'fonts', {
  value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
})
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub

afterEach(async () => {
  cleanup()
  localStorage.clear()
  sessionStorage.clear()
  await i18n.changeLanguage('en')
})

await i18n.changeLanguage('en')
