import { describe, expect, it } from 'vitest'
import { changedLeaves } from './diff'

describe('changed leaves', () => {
  it('names the leaves that differ by JSON path, lists of plain values as one leaf', () => {
    expect(
      changedLeaves(
        { prices: { monthlyFee: 1000, workUnits: [{ code: 'A', unitPrice: 10 }] }, roles: ['Requester'], same: 'x' },
        { prices: { monthlyFee: 1200, workUnits: [{ code: 'A', unitPrice: 12 }, { code: 'B', unitPrice: 5 }] }, roles: ['Requester', 'Auditor'], same: 'x' },
      ),
    ).toEqual([
      { field: 'prices.monthlyFee', before: '1000', after: '1200' },
      { field: 'prices.workUnits[0].unitPrice', before: '10', after: '12' },
      { field: 'prices.workUnits[1].code', before: null, after: 'B' },
      { field: 'prices.workUnits[1].unitPrice', before: null, after: '5' },
      { field: 'roles', before: '["Requester"]', after: '["Requester","Auditor"]' },
    ])
  })

  it('shows a creation as every field going from nothing to its value', () => {
    expect(changedLeaves(null, { title: 'New', quantity: 2 })).toEqual([
      { field: 'title', before: null, after: 'New' },
      { field: 'quantity', before: null, after: '2' },
    ])
  })

  it('compares plain values as one leaf with no name', () => {
    expect(changedLeaves('draft', 'signed')).toEqual([{ field: '', before: 'draft', after: 'signed' }])
    expect(changedLeaves({ a: 1 }, { a: 1 })).toEqual([])
  })
})
