import { describe, expect, it } from 'vitest'
import { balance } from './balance.js'
import { capacityLoad } from './capacity-load.js'
import { ratioOfTotals, rollUpTime, sumRows } from './roll-up.js'

describe('roll-ups', () => {
  it('sums SKU rows into a family row', () => {
    expect(
      sumRows(
        [
          [1, 2, 3],
          [10, 20, 30],
        ],
        3,
      ),
    ).toEqual([11, 22, 33])
  })

  it('sums flows over time and takes the last period for stock', () => {
    expect(rollUpTime([1, 2, 3, 4, 5], 2, 'flow')).toEqual([3, 7, 5])
    expect(rollUpTime([1, 2, 3, 4, 5], 2, 'stock')).toEqual([2, 4, 5])
  })

  it('recomputes ratios from totals instead of summing them', () => {
    const load = ratioOfTotals(50 + 150, 100 + 100)
    expect(load).toBe(1)
    expect(ratioOfTotals(5, 0)).toBe(0)
  })

  it('computes the demand − supply balance per period and cumulatively', () => {
    expect(balance([10, 10, 10], [5, 20, 10])).toEqual({
      perPeriod: [5, -10, 0],
      cumulative: [5, -5, -5],
    })
  })

  it('computes capacity load from the supplies on a resource', () => {
    expect(
      capacityLoad(
        [
          [50, 0],
          [50, 10],
        ],
        [200, 0],
      ),
    ).toEqual([0.5, Infinity])
  })
})
