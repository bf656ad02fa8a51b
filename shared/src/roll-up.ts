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
