import type { PlanMeta, TimeBucket, TimeGrain } from '@tandem/shared'
import { timeBuckets } from '@tandem/shared'

/**
 * The board's columns of time: one bucket per plan period at the plan's own grain, or months and
 * quarters rolled up from them. `rolled` says whether a column can cover several periods.
 */
export interface TimeAxis {
  grain: TimeGrain
  buckets: TimeBucket[]
  rolled: boolean
  /** The bucket index of each plan period. */
  bucketOfPeriod: number[]
}

/** The axis of a plan shown at `grain` (a grain finer than the plan's shows its own periods). */
export function timeAxis(
  meta: Pick<PlanMeta, 'periodKind' | 'firstPeriod' | 'periodCount'>,
  grain: TimeGrain,
): TimeAxis {
  const buckets = timeBuckets(meta.periodKind, meta.firstPeriod, meta.periodCount, grain)
  const bucketOfPeriod = new Array<number>(meta.periodCount)
  buckets.forEach((bucket, b) => {
    for (let p = bucket.first; p <= bucket.last; p++) bucketOfPeriod[p] = b
  })
  return { grain, buckets, rolled: buckets.length !== meta.periodCount, bucketOfPeriod }
}

/** A flow over a bucket (demand, supply, capacity): the sum of its periods. */
export function flowIn(values: readonly number[], bucket: TimeBucket): number {
  let total = 0
  for (let p = bucket.first; p <= bucket.last; p++) total += values[p] ?? 0
  return total
}

/** A stock over a bucket (projected inventory, shortage): its last period. */
export function stockIn(values: readonly number[], bucket: TimeBucket): number {
  return values[bucket.last] ?? 0
}

/**
 * A ratio over a bucket (capacity load), recomputed from the totals of its numerator and
 * denominator, never summed or averaged: Infinity for demand on no capacity, 0 for neither.
 */
export function ratioIn(
  numerator: readonly number[],
  denominator: readonly number[],
  bucket: TimeBucket,
): number {
  const top = flowIn(numerator, bucket)
  const bottom = flowIn(denominator, bucket)
  return bottom > 0 ? top / bottom : top > 0 ? Infinity : 0
}
