import { describe, expect, it } from 'vitest'
import { firstLoad, firstScreenBudget, firstScreenPages, isBuilt } from './first-load.mjs'

// Reads the build in dist/: the test command builds the SPA before running this (test.sh); without a build there is
// nothing to weigh.
describe.skipIf(!isBuilt())('the first screen', () => {
  it.each(firstScreenPages)('%s downloads under 250 kB in brotli, entry included', (page) => {
    expect(firstLoad(page).brotli).toBeLessThan(firstScreenBudget)
  })
})
