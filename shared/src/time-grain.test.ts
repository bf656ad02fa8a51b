import { describe, expect, it } from 'vitest'
import { spreadTotal } from './spread.js'
import { rollUpBuckets, timeBuckets } from './time-grain.js'

describe('timeBuckets', () => {
  it('puts each week in the month that holds its Thursday', () => {
    // Monday 2026-01-26: Thursday 01-29 (January); Monday 02-02 … 02-23 (February); 03-02 (March)
    const buckets = timeBuckets('week', '2026-01-26', 6, 'month')
    expect(buckets).toEqual([
      { key: '2026-01', first: 0, last: 0 },
      { key: '2026-02', first: 1, last: 4 },
      { key: '2026-03', first: 5, last: 5 },
    ])
  })

  it('keeps a week whose days straddle two months in one bucket', () => {
    // Monday 2026-03-30: Thursday 04-02 → April
    expect(timeBuckets('week', '2026-03-30', 1, 'month')[0]!.key).toBe('2026-04')
  })

  it('groups months into quarters, and weeks into quarters', () => {
    expect(timeBuckets('month', '2026-02-01', 6, 'quarter')).toEqual([
      { key: '2026-Q1', first: 0, last: 1 },
      { key: '2026-Q2', first: 2, last: 4 },
      { key: '2026-Q3', first: 5, last: 5 },
    ])
    const quarters = timeBuckets('week', '2026-01-05', 52, 'quarter')
    expect(quarters.map((b) => b.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
    // W01 (Thursday 1 January) is before the horizon; W53 (Thursday 31 December) is in it
    expect(quarters.map((b) => b.last - b.first + 1)).toEqual([12, 13, 13, 14])
  })

  it('shows the plan’s own periods at its own grain', () => {
    expect(timeBuckets('week', '2026-01-05', 2, 'week').map((b) => b.key)).toEqual([
      '2026-W02',
      '2026-W03',
    ])
    expect(timeBuckets('month', '2026-01-01', 2, 'week').map((b) => b.key)).toEqual([
      '2026-01',
      '2026-02',
    ])
  })
})

describe('rollUpBuckets', () => {
  const buckets = [
    { key: 'a', first: 0, last: 1 },
    { key: 'b', first: 2, last: 4 },
  ]
  it('sums flows and takes the last period of stocks', () => {
    expect(rollUpBuckets([1, 2, 3, 4, 5], buckets, 'flow')).toEqual([3, 12])
    expect(rollUpBuckets([1, 2, 3, 4, 5], buckets, 'stock')).toEqual([2, 5])
  })

  it('spreads a typed bucket total back over its periods, skipping frozen ones, exactly', () => {
    const week = [10, 20, 30]
    const result = spreadTotal(100, week, [true, false, false])
    expect(result).toEqual({ ok: true, values: [10, 36, 54] })
  })
})
