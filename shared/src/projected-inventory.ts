/**
 * Projected inventory per period: PI[t] = PI[t-1] + supply[t] + inbound[t] − demand[t] −
 * outbound[t], with PI[-1] the opening stock; `inbound` and `outbound` are transfers arriving
 * and shipping (none when absent). Negative values are kept: they are shortages.
 */
export function projectedInventory(
  openingStock: number,
  supply: readonly number[],
  demand: readonly number[],
  inbound: readonly number[] = [],
  outbound: readonly number[] = [],
): number[] {
  const count = Math.max(supply.length, demand.length)
  const result = new Array<number>(count)
  let previous = openingStock
  for (let t = 0; t < count; t++) {
    previous =
      previous + (supply[t] ?? 0) + (inbound[t] ?? 0) - (demand[t] ?? 0) - (outbound[t] ?? 0)
    result[t] = previous
  }
  return result
}
