/** How a measure aggregates: flows sum over time, stocks take the last period. */
export type AggregationKind = 'flow' | 'stock'

/** Sums rows period by period (products roll up by summing, for flows and stocks alike). */
export function sumRows(rows: readonly (readonly number[])[], count: number): number[] {
  const total = new Array<number>(count).fill(0)
  for (const row of rows) for (let t = 0; t < count; t++) total[t] += row[t] ?? 0
  return total
}

/** Rolls periods up into buckets of `size` (weeks into months, say). */
export function rollUpTime(
  values: readonly number[],
  size: number,
  kind: AggregationKind,
): number[] {
  const buckets: number[] = []
  for (let start = 0; start < values.length; start += size) {
    const slice = values.slice(start, start + size)
    buckets.push(kind === 'flow' ? slice.reduce((a, b) => a + b, 0) : slice[slice.length - 1])
  }
  return buckets
}

/** A ratio recomputed from totals, never summed: 0 when the denominator is 0. */
export function ratioOfTotals(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator
}

/** What a sum of stocks hides: the sum of the negative parts and how many rows are negative. */
export interface ShortageRollUp {
  /** Per period, the sum of the negative values (0 or less). */
  shortage: number[]
  /** Per period, how many rows are below zero. */
  short: number[]
}

/**
 * Rolls up shortages so that a family with some SKUs short and others long does not look
 * healthy: per period, the sum of the negative parts and the count of rows below zero.
 */
export function shortageRollUp(
  rows: readonly (readonly number[])[],
  count: number,
): ShortageRollUp {
  const shortage = new Array<number>(count).fill(0)
  const short = new Array<number>(count).fill(0)
  for (const row of rows) {
    for (let t = 0; t < count; t++) {
      const value = row[t] ?? 0
      if (value < 0) {
        shortage[t] += value
        short[t]++
      }
    }
  }
  return { shortage, short }
}
