import { describe, expect, it } from 'vitest'
import { balance } from './balance.js'
import { capacityLoad, capacityRequired } from './capacity-load.js'
import { ratioOfTotals, rollUpTime, shortageRollUp, sumRows } from './roll-up.js'

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

describe('shortageRollUp', () => {
  it('sums the negative parts and counts the rows short, where the plain sum looks healthy', () => {
    const rows = [
      [-30, 10, 5],
      [-40, -5, 5],
      [500, 500, 5],
    ]
    expect(sumRows(rows, 3)).toEqual([430, 505, 15])
    expect(shortageRollUp(rows, 3)).toEqual({ shortage: [-70, -5, 0], short: [2, 1, 0] })
  })
})

describe('capacityRequired', () => {
  it('sums the supply that needs a resource, the numerator of its load', () => {
    expect(capacityRequired([[600, 100], [580]], 2)).toEqual([1180, 100])
    expect(capacityLoad([[600, 100], [580]], [1000, 1000])).toEqual([1.18, 0.1])
  })
})
