/** The autocorrelation of `values` at lags 1..maxLag (index 0 is lag 1). */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length
  const mean = values.reduce((a, b) => a + b, 0) / n
  let denominator = 0
  for (const v of values) denominator += (v - mean) ** 2
  const out: number[] = []
  for (let lag = 1; lag <= maxLag; lag++) {
    let s = 0
    for (let t = lag; t < n; t++) s += (values[t] - mean) * (values[t - lag] - mean)
    out.push(denominator > 0 ? s / denominator : 0)
  }
  return out
}

/**
 * The M4 benchmark's seasonality test: the autocorrelation at lag m exceeds its 90 % limit,
 * 1.645 · sqrt((1 + 2 Σ_{k<m} r_k²) / n). False under two seasons of history.
 */
export function isSeasonal(values: readonly number[], m: number): boolean {
  const n = values.length
  if (m <= 1 || n < 2 * m) return false
  const r = autocorrelations(values, m)
  let sum = 1
  for (let k = 0; k < m - 1; k++) sum += 2 * r[k] * r[k]
  return Math.abs(r[m - 1]) > (1.645 * Math.sqrt(sum)) / Math.sqrt(n)
}
