import { describe, expect, it } from 'vitest'
import { capacityGaps, inventoryGaps } from './gaps.js'

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
