/**
 * Projected inventory per period: PI[t] = PI[t-1] + supply[t] − demand[t], with PI[-1] the
 * opening stock. Negative values are kept: they are shortages.
 */
export function projectedInventory(
  openingStock: number,
  supply: readonly number[],
  demand: readonly number[],
): number[] {
  const count = Math.max(supply.length, demand.length)
  const result = new Array<number>(count)
  let previous = openingStock
  for (let t = 0; t < count; t++) {
    previous = previous + (supply[t] ?? 0) - (demand[t] ?? 0)
    result[t] = previous
  }
  return result
}
