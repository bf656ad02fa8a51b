import type { AggregationKind } from './roll-up.js'
import type { PeriodKind } from './plan-meta.js'
import { periodKey, periodStart } from './periods.js'

/** The grains the board can show time in. */
export const TIME_GRAINS = ['week', 'month', 'quarter'] as const

export type TimeGrain = (typeof TIME_GRAINS)[number]

/** A run of plan periods shown as one column: `2026-W05`, `2026-02` or `2026-Q1`. */
export interface TimeBucket {
  key: string
  first: number
  last: number
}

/**
 * Groups a horizon's periods into columns of a coarser grain. A week belongs to the month (and
 * quarter) that holds its Thursday, as ISO 8601 assigns weeks to years, so a week is never split.
 * A grain finer than the plan's (weeks of a monthly plan) shows the plan's own periods.
 */
export function timeBuckets(
  kind: PeriodKind,
  firstPeriod: string,
  count: number,
  grain: TimeGrain,
): TimeBucket[] {
  const buckets: TimeBucket[] = []
  for (let index = 0; index < count; index++) {
    const key = bucketKey(kind, firstPeriod, index, grain)
    const last = buckets[buckets.length - 1]
    if (last && last.key === key) last.last = index
    else buckets.push({ key, first: index, last: index })
  }
  return buckets
}

/** Values per bucket: flows sum, stocks take the bucket's last period. */
export function rollUpBuckets(
  values: readonly number[],
  buckets: readonly TimeBucket[],
  kind: AggregationKind,
): number[] {
  return buckets.map((bucket) => {
    if (kind === 'stock') return values[bucket.last] ?? 0
    let total = 0
    for (let t = bucket.first; t <= bucket.last; t++) total += values[t] ?? 0
    return total
  })
}

function bucketKey(kind: PeriodKind, firstPeriod: string, index: number, grain: TimeGrain): string {
  if (grain === 'week') return periodKey(kind, firstPeriod, index)
  const start = periodStart(kind, firstPeriod, index)
  const anchor = kind === 'week' ? new Date(start.getTime() + 3 * 86_400_000) : start
  const year = anchor.getUTCFullYear()
  const month = anchor.getUTCMonth()
  if (grain === 'quarter') return `${year}-Q${Math.floor(month / 3) + 1}`
  return `${year}-${String(month + 1).padStart(2, '0')}`
}
