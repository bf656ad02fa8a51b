/** Demand − supply per period and cumulatively: positive means demand not covered by supply. */
export interface Balance {
  perPeriod: number[]
  cumulative: number[]
}

export function balance(demand: readonly number[], supply: readonly number[]): Balance {
  const count = Math.max(demand.length, supply.length)
  const perPeriod = new Array<number>(count)
  const cumulative = new Array<number>(count)
  let running = 0
  for (let t = 0; t < count; t++) {
    perPeriod[t] = (demand[t] ?? 0) - (supply[t] ?? 0)
    running += perPeriod[t]
    cumulative[t] = running
  }
  return { perPeriod, cumulative }
}
