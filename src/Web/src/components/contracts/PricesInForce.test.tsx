import { MantineProvider } from '@mantine/core'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContractPrices } from '../../hooks/prices'
import i18n from '../../i18n'
import { createQueryClient } from '../../queryClient'
import { fakeBackend, json } from '../../test/render'
import { theme } from '../../theme'
import { PricesInForce } from './PricesInForce'

/** The example of the specification: 13,200.00 revised on 2025-04-01 from March 2021 (old series) to January 2025 (revised series). */
const revised: ContractPrices = {
  contractId: 'c-1',
  at: '2025-06-10',
  versionNumber: 1,
  versionEffectiveFrom: '2021-04-01',
  effectiveOn: '2025-04-01',
  monthlyFee: { base: 13_200, inForce: 15_125.08 },
  workUnits: [{ code: 'UO-INT', label: 'Intervention sur site', base: 450, inForce: 515.63 }],
  revision: {
    a: 0.15,
    b: 0.85,
    referenceMonth: '2021-03',
    nextAnniversary: '2026-04-01',
    s0: { month: '2021-03', value: 274.6, series: 'old' },
    anniversary: '2025-04-01',
    s: { month: '2025-01', value: 315.2, series: 'new' },
    coefficient: 0.97975,
  },
}

function renderPrices(signed = true) {
  const queryClient = createQueryClient()
  queryClient.setDefaultOptions({ queries: { retry: false } })
  return render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={queryClient}>
        <PricesInForce contractId="c-1" signed={signed} />
      </QueryClientProvider>
    </MantineProvider>,
  )
}

describe('PricesInForce', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en')
  })

  it('shows P0 beside the revised prices with the indices and the linking coefficient', async () => {
    await i18n.changeLanguage('en')
    const calls = fakeBackend({ 'GET /api/contracts/c-1/prices': () => json(revised) })
    renderPrices()
    expect(await screen.findByRole('heading', { name: 'Prices in force' })).toBeInTheDocument()
    expect(screen.getByText('€13,200.00')).toBeInTheDocument()
    expect(screen.getByText('€15,125.08')).toBeInTheDocument()
    expect(screen.getByText('€515.63')).toBeInTheDocument()
    expect(screen.getByText(/2021-03 = 274\.6 \(old series\)/)).toBeInTheDocument()
    expect(screen.getByText(/2025-01 = 315\.2 \(revised series\)/)).toBeInTheDocument()
    expect(screen.getByText(/Linking coefficient .*: 0\.97975/)).toBeInTheDocument()
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['GET /api/contracts/c-1/prices'])
  })

  it('speaks French and says when the first revision comes', async () => {
    await i18n.changeLanguage('fr')
    fakeBackend({
      'GET /api/contracts/c-1/prices': () =>
        json({ ...revised, effectiveOn: '2024-06-01', monthlyFee: { base: 12_500, inForce: 12_500 }, workUnits: [], revision: { a: 0.15, b: 0.85, referenceMonth: '2024-04', nextAnniversary: '2025-06-01', s0: { month: '2024-04', value: 313.8, series: 'new' } } }),
    })
    renderPrices()
    expect(await screen.findByRole('heading', { name: 'Prix en vigueur' })).toBeInTheDocument()
    expect(screen.getByText(/Pas encore révisés : première révision le/)).toBeInTheDocument()
    expect(screen.queryByText(/Coefficient de raccordement/)).not.toBeInTheDocument()
  })

  it('asks nothing of a contract not yet signed', () => {
    const calls = fakeBackend({})
    renderPrices(false)
    expect(screen.queryByRole('heading')).not.toBeInTheDocument()
    expect(calls).toEqual([])
  })
})
