import { observed } from './observed.js'

/**
 * The in-sample mean absolute error of seasonal naive (y[t] forecast by y[t − m]) over a
 * history: the scale of MASE. `seasonLength` 1 is plain naive. Missing values (null) are
 * skipped pairwise. Returns null when no pair exists.
 */
export function seasonalNaiveScale(
  history: readonly (number | null)[],
  seasonLength: number,
): number | null {
  const lag = Math.max(1, Math.floor(seasonLength))
  let total = 0
  let count = 0
  for (let t = lag; t < history.length; t++) {
    const now = history[t]
    const before = history[t - lag]
    if (!observed(now) || !observed(before)) continue
    total += Math.abs(now - before)
    count++
  }
  return count === 0 ? null : total / count
}
