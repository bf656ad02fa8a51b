import { describe, expect, it } from 'vitest'
import { flowIn, ratioIn, stockIn, timeAxis } from './time-axis.js'

const META = { periodKind: 'week', firstPeriod: '2026-01-26', periodCount: 10 } as const

describe('timeAxis', () => {
  it("shows the plan's own periods at its grain, unrolled", () => {
    const axis = timeAxis(META, 'week')
    expect(axis.rolled).toBe(false)
    expect(axis.buckets).toHaveLength(10)
    expect(axis.bucketOfPeriod).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('rolls weeks up into months and knows the month of every week', () => {
    const axis = timeAxis(META, 'month')
    expect(axis.rolled).toBe(true)
    expect(axis.buckets.map((b) => [b.key, b.first, b.last])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 1, 4],
      ['2026-03', 5, 8],
      ['2026-04', 9, 9],
    ])
    expect(axis.bucketOfPeriod).toEqual([0, 1, 1, 1, 1, 2, 2, 2, 2, 3])
  })
})

describe('values over a bucket', () => {
  const bucket = { key: 'b', first: 1, last: 3 }
  it('sums flows, takes the last stock', () => {
    expect(flowIn([100, 1, 2, 3, 100], bucket)).toBe(6)
    expect(stockIn([100, 7, -4, 9, 100], bucket)).toBe(9)
  })

  it('recomputes a ratio from totals, never averaging the ratios', () => {
    // 10/10, 0/90 and 30/10: the mean of the ratios is 133%, the ratio of the totals 36%
    expect(ratioIn([0, 10, 0, 30], [0, 10, 90, 10], bucket)).toBeCloseTo(40 / 110)
    expect(ratioIn([0, 5, 0, 0], [0, 0, 0, 0], bucket)).toBe(Infinity)
    expect(ratioIn([0, 0, 0, 0], [0, 0, 0, 0], bucket)).toBe(0)
  })
})
