/**
 * Days of supply per period: projected inventory ÷ the average daily demand of the periods
 * ahead (the next `window` periods after it, or as many as the horizon has). Null where no
 * demand lies ahead, so "infinite cover" is never shown as a number. Negative inventory gives
 * 0 days.
 */
export function daysOfSupply(
  projected: readonly number[],
  demand: readonly number[],
  daysPerPeriod: number,
  window = 3,
): (number | null)[] {
  return projected.map((stock, t) => {
    let total = 0
    let count = 0
    for (let ahead = t + 1; ahead <= t + window && ahead < demand.length; ahead++) {
      total += demand[ahead] ?? 0
      count++
    }
    if (count === 0 || total <= 0) return null
    const daily = total / (count * daysPerPeriod)
    return Math.max(0, stock) / daily
  })
}
