import { naive } from './naive.js'

/** The last full season, repeated; the naive forecast when the history is shorter than a season. */
export function seasonalNaive(
  values: readonly number[],
  horizon: number,
  seasonLength: number,
): number[] {
  const n = values.length
  if (seasonLength <= 1 || n < seasonLength) return naive(values, horizon)
  return Array.from({ length: horizon }, (_, h) => values[n - seasonLength + (h % seasonLength)])
}
