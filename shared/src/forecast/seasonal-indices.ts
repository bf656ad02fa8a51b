/**
 * Classical decomposition's seasonal figure: the centred moving average of one season (2×m for
 * even m), the ratio (multiplicative) or difference (additive) of each value to it, averaged per
 * season position and normalised to a mean of 1 (or 0). Index `k` belongs to positions `t % m === k`.
 * Needs at least two seasons; returns the neutral figure otherwise.
 */
export function seasonalIndices(
  values: readonly number[],
  m: number,
  kind: 'multiplicative' | 'additive' = 'multiplicative',
): number[] {
  const neutral = kind === 'multiplicative' ? 1 : 0
  const n = values.length
  if (m <= 1 || n < 2 * m) return new Array<number>(Math.max(1, m)).fill(neutral)
  const half = Math.floor(m / 2)
  const sums = new Array<number>(m).fill(0)
  const counts = new Array<number>(m).fill(0)
  for (let t = half; t < n - half; t++) {
    let average: number
    if (m % 2 === 1) {
      let s = 0
      for (let j = t - half; j <= t + half; j++) s += values[j]
      average = s / m
    } else {
      let s = 0.5 * (values[t - half] + values[t + half])
      for (let j = t - half + 1; j < t + half; j++) s += values[j]
      average = s / m
    }
    if (kind === 'multiplicative' && !(average > 0)) continue
    sums[t % m] += kind === 'multiplicative' ? values[t] / average : values[t] - average
    counts[t % m]++
  }
  const raw = sums.map((s, k) => (counts[k] > 0 ? s / counts[k] : neutral))
  const mean = raw.reduce((a, b) => a + b, 0) / m
  return kind === 'multiplicative' ? raw.map((v) => v / mean) : raw.map((v) => v - mean)
}
