import { describe, expect, it } from 'vitest'
import { projectedInventory } from '../projected-inventory.js'
import { lotQuantity } from './lot-quantity.js'
import { proposeSupply, type ProposalItem } from './supply-proposal.js'

function item(
  overrides: Partial<ProposalItem> & Pick<ProposalItem, 'sku' | 'demand'>,
): ProposalItem {
  return {
    resource: 'line-1',
    openingStock: 0,
    safetyStock: 0,
    maxStock: 0,
    leadTime: 0,
    minBatch: 0,
    lotSize: 0,
    supply: overrides.demand.map(() => 0),
    ...overrides,
  }
}

describe('lotQuantity', () => {
  it('rounds a requirement up to whole lots of at least the minimum batch', () => {
    expect(lotQuantity(50, { minBatch: 0, lotSize: 40 })).toBe(80)
    expect(lotQuantity(10, { minBatch: 100, lotSize: 0 })).toBe(100)
    expect(lotQuantity(10, { minBatch: 90, lotSize: 40 })).toBe(120)
    expect(lotQuantity(0, { minBatch: 90, lotSize: 40 })).toBe(0)
  })
})

describe('proposeSupply', () => {
  it('closes a shortage with one batch', () => {
    const sku = item({
      sku: 'A',
      openingStock: 50,
      safetyStock: 20,
      minBatch: 100,
      demand: [10, 10, 60, 10],
    })
    // today: 40, 30, −30, −40
    const proposal = proposeSupply({
      periodCount: 4,
      frozenThrough: -1,
      items: [sku],
      capacity: {},
    })
    expect(proposal.supply.A).toEqual([0, 0, 100, 0])
    expect(projectedInventory(50, proposal.supply.A!, sku.demand)).toEqual([40, 30, 70, 60])
    expect(proposal.unmet).toEqual([])
    expect(proposal.changes).toEqual([{ sku: 'A', period: 2, from: 0, to: 100 }])
  })

  it('rounds orders to the lot size', () => {
    const sku = item({ sku: 'A', safetyStock: 10, lotSize: 40, demand: [40, 40] })
    // t0: need 50 → 80 (PI 40); t1: 0 < 10 → need 10 → 40 (PI 40)
    const proposal = proposeSupply({
      periodCount: 2,
      frozenThrough: -1,
      items: [sku],
      capacity: {},
    })
    expect(proposal.supply.A).toEqual([80, 40])
  })

  it('builds ahead in earlier free capacity when a period is over capacity', () => {
    const a = item({ sku: 'A', demand: [0, 0, 80, 0] })
    const b = item({ sku: 'B', demand: [0, 0, 80, 0], lotSize: 10 })
    const proposal = proposeSupply({
      periodCount: 4,
      frozenThrough: -1,
      items: [b, a],
      capacity: { 'line-1': [100, 100, 100, 100] },
    })
    // A is served first (SKU order): 80 in W2; B gets the 20 left in W2 and 60 in W1
    expect(proposal.supply.A).toEqual([0, 0, 80, 0])
    expect(proposal.supply.B).toEqual([0, 60, 20, 0])
    expect(proposal.load['line-1']).toEqual([0, 0.6, 1, 0])
    expect(proposal.unmet).toEqual([])
    for (const key of ['A', 'B']) {
      expect(
        Math.min(...projectedInventory(0, proposal.supply[key]!, [0, 0, 80, 0])),
      ).toBeGreaterThanOrEqual(0)
    }
  })

  it('reports what it cannot meet, and why', () => {
    const sku = item({ sku: 'A', safetyStock: 0, demand: [0, 0, 0, 50] })
    const proposal = proposeSupply({
      periodCount: 4,
      frozenThrough: -1,
      items: [sku],
      capacity: { 'line-1': [0, 0, 0, 10] },
    })
    expect(proposal.supply.A).toEqual([0, 0, 0, 10])
    expect(proposal.unmet).toEqual([
      { sku: 'A', period: 3, shortfall: 40, reason: 'capacity', resource: 'line-1' },
    ])
    expect(proposal.load['line-1']![3]).toBe(1)
  })

  it('never changes frozen periods, and recovers right after them', () => {
    const sku = item({
      sku: 'A',
      openingStock: 10,
      safetyStock: 5,
      demand: [30, 10, 10],
      supply: [7, 3, 99],
    })
    const proposal = proposeSupply({ periodCount: 3, frozenThrough: 1, items: [sku], capacity: {} })
    // frozen: PI −13, −20; W2 replanned from nothing: 5 − (−20 − 10) = 35
    expect(proposal.supply.A).toEqual([7, 3, 35])
    expect(proposal.unmet.map((u) => [u.period, u.reason, u.shortfall])).toEqual([
      [0, 'frozen', 18],
      [1, 'frozen', 25],
    ])
  })

  it('keeps receipts inside the lead time and says so', () => {
    const sku = item({ sku: 'A', leadTime: 2, demand: [5, 5, 5], supply: [1, 1, 0] })
    const proposal = proposeSupply({
      periodCount: 3,
      frozenThrough: -1,
      items: [sku],
      capacity: {},
    })
    expect(proposal.supply.A).toEqual([1, 1, 13])
    expect(proposal.unmet.map((u) => [u.period, u.reason])).toEqual([
      [0, 'leadTime'],
      [1, 'leadTime'],
    ])
  })

  it('removes supply that is not needed, so it does not build excess', () => {
    const sku = item({
      sku: 'A',
      openingStock: 100,
      safetyStock: 10,
      maxStock: 120,
      demand: [10, 10],
      supply: [50, 50],
    })
    const proposal = proposeSupply({
      periodCount: 2,
      frozenThrough: -1,
      items: [sku],
      capacity: {},
    })
    expect(proposal.supply.A).toEqual([0, 0])
  })

  it('gives the same answer for the same input', () => {
    const input = {
      periodCount: 6,
      frozenThrough: 0,
      items: ['C', 'A', 'B'].map((sku, i) =>
        item({
          sku,
          safetyStock: 5 * i,
          lotSize: 7,
          minBatch: 10,
          demand: [9, 19, 29, 39, 49, 59].map((d) => d + i),
        }),
      ),
      capacity: { 'line-1': [60, 60, 60, 60, 60, 60] },
    }
    expect(proposeSupply(input)).toEqual(proposeSupply(input))
  })
})
