import { describe, expect, it } from 'vitest'
import { spreadTotal } from './spread.js'

describe('spreadTotal', () => {
  it('spreads in proportion to current values', () => {
    expect(spreadTotal(200, [10, 30, 60], [false, false, false])).toEqual({
      ok: true,
      values: [20, 60, 120],
    })
  })

  it('keeps integer totals exact with largest-remainder rounding', () => {
    const result = spreadTotal(100, [1, 1, 1], [false, false, false])
    expect(result).toEqual({ ok: true, values: [34, 33, 33] })
    const uneven = spreadTotal(10, [3, 3, 1], [false, false, false])
    expect(uneven.ok && uneven.values.reduce((a, b) => a + b)).toBe(10)
    expect(uneven).toEqual({ ok: true, values: [4, 4, 2] })
  })

  it('spreads evenly when all values are zero', () => {
    expect(spreadTotal(7, [0, 0, 0, 0], [false, false, false, false])).toEqual({
      ok: true,
      values: [2, 2, 2, 1],
    })
  })

  it('skips frozen cells and spreads the rest of the total', () => {
    expect(spreadTotal(100, [40, 10, 30], [true, false, false])).toEqual({
      ok: true,
      values: [40, 15, 45],
    })
  })

  it('refuses a total smaller than the frozen part', () => {
    expect(spreadTotal(10, [40, 10], [true, false])).toEqual({
      ok: false,
      reason: 'frozenExceedsTotal',
    })
  })

  it('honours decimals', () => {
    expect(spreadTotal(1, [1, 1, 1], [false, false, false], 2)).toEqual({
      ok: true,
      values: [0.34, 0.33, 0.33],
    })
  })
})
