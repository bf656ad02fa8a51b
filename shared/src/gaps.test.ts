import { describe, expect, it } from 'vitest'
import {
  capacityGaps,
  explainCapacityGap,
  explainFamilyShortage,
  explainInventoryGap,
  inventoryGaps,
} from './gaps.js'

describe('inventoryGaps', () => {
  it('finds runs of shortage, below safety stock and excess with their cells', () => {
    const gaps = inventoryGaps('A', [50, 5, -3, -8, 20, 400, 500], {
      safetyStock: 10,
      maxStock: 300,
    })
    expect(gaps.map((g) => [g.kind, g.firstPeriod, g.lastPeriod, g.worst, g.severity])).toEqual([
      ['belowSafetyStock', 1, 1, 5, 'low'],
      ['shortage', 2, 3, 8, 'high'],
      ['excess', 5, 6, 200, 'medium'],
    ])
    expect(gaps[1].cells).toEqual([
      { measure: 'projected', key: 'A', period: 2 },
      { measure: 'projected', key: 'A', period: 3 },
    ])
  })

  it('reports nothing for a balanced row, and no excess when there is no maximum', () => {
    expect(inventoryGaps('A', [10, 20, 9999], { safetyStock: 10, maxStock: 0 })).toEqual([])
  })
})

describe('capacityGaps', () => {
  it('flags loads above 100%, high above 120%', () => {
    const gaps = capacityGaps('L1', [0.5, 1.1, 1.3, 1, Infinity])
    expect(gaps.map((g) => [g.firstPeriod, g.lastPeriod, g.severity])).toEqual([
      [1, 2, 'high'],
      [4, 4, 'high'],
    ])
  })
})

describe('gap explanations', () => {
  const limits = { safetyStock: 200, maxStock: 800 }
  it('explains the Gap row: against safety stock, against zero for a shortage, above maximum', () => {
    expect(explainInventoryGap([300, 140, -40, 900, 500], limits, 1)).toEqual({
      kind: 'belowSafetyStock',
      period: 1,
      projected: 140,
      safetyStock: 200,
      amount: 60,
    })
    expect(explainInventoryGap([300, 140, -40], limits, 2)).toEqual({
      kind: 'shortage',
      period: 2,
      projected: -40,
      amount: 40,
    })
    expect(explainInventoryGap([900], limits, 0)).toMatchObject({ kind: 'excess', amount: 100 })
    expect(explainInventoryGap([500], limits, 0)).toBeUndefined()
    expect(explainInventoryGap([500], limits, 3)).toBeUndefined()
  })

  it('explains over capacity with the load, the supply needed and the capacity', () => {
    expect(explainCapacityGap('Line 2', [1180, 900], [1000, 1000], 0)).toEqual({
      kind: 'overCapacity',
      period: 0,
      resource: 'Line 2',
      load: 1.18,
      required: 1180,
      capacity: 1000,
    })
    expect(explainCapacityGap('Line 2', [1180, 900], [1000, 1000], 1)).toBeUndefined()
  })

  it('explains a family shortage with the sum of the negative parts and the SKUs short', () => {
    expect(explainFamilyShortage('Water', [-70, 0], [2, 0], 0)).toEqual({
      kind: 'familyShortage',
      period: 0,
      family: 'Water',
      shortage: -70,
      short: 2,
    })
    expect(explainFamilyShortage('Water', [-70, 0], [2, 0], 1)).toBeUndefined()
  })
})
