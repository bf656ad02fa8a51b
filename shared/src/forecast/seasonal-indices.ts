/** How `seasonalIndices` treats the figure once it is estimated. */
export interface SeasonalIndexOptions {
  /**
   * Shrink the figure toward neutral by the James–Stein factor (Miller & Williams, 2003): the
   * less the positions differ beyond what the noise of their ratios explains, the flatter the
   * figure. Used where the figure is divided out for a non-seasonal method.
   */
  shrink?: boolean
}

/** A position's ratios are averaged without their highest and lowest when it has this many. */
const TRIM_FROM = 3

/**
 * Classical decomposition's seasonal figure: the centred moving average of one season (2×m for
 * even m), the ratio (multiplicative) or difference (additive) of each value to it, averaged per
 * season position without its highest and lowest value (from three values on, as X-11 trims
 * extremes; with three that is their median) and normalised to a mean of 1 (or 0). Index `k`
 * belongs to positions `t % m === k`. Needs at least two seasons; returns the neutral figure
 * otherwise.
 */
export function seasonalIndices(
  values: readonly number[],
  m: number,
  kind: 'multiplicative' | 'additive' = 'multiplicative',
  options: SeasonalIndexOptions = {},
): number[] {
  const neutral = kind === 'multiplicative' ? 1 : 0
  const n = values.length
  if (m <= 1 || n < 2 * m) return new Array<number>(Math.max(1, m)).fill(neutral)
  const half = Math.floor(m / 2)
  const ratios: number[][] = Array.from({ length: m }, () => [])
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
    ratios[t % m].push(kind === 'multiplicative' ? values[t] / average : values[t] - average)
  }
  const raw = ratios.map((list) => (list.length > 0 ? trimmedMean(list) : neutral))
  const mean = raw.reduce((a, b) => a + b, 0) / m
  const figure = kind === 'multiplicative' ? raw.map((v) => v / mean) : raw.map((v) => v - mean)
  if (!options.shrink) return figure
  const factor = jamesSteinFactor(ratios, figure, neutral, kind === 'multiplicative' ? mean : 1)
  return figure.map((v) => neutral + factor * (v - neutral))
}

function trimmedMean(list: readonly number[]): number {
  if (list.length < TRIM_FROM) return list.reduce((a, b) => a + b, 0) / list.length
  const sorted = [...list].sort((a, b) => a - b)
  let sum = 0
  for (let i = 1; i < sorted.length - 1; i++) sum += sorted[i]
  return sum / (sorted.length - 2)
}

/**
 * `max(0, 1 − (m − 3) σ̄² / Σ (s_k − neutral)²)`, with σ̄² the pooled within-position variance of
 * the ratios (on the normalised scale) over the mean count: the variance of a position's average.
 * 1 (no shrinkage) when there are fewer than four positions or a position has under two ratios.
 */
function jamesSteinFactor(
  ratios: readonly (readonly number[])[],
  figure: readonly number[],
  neutral: number,
  scale: number,
): number {
  const m = figure.length
  if (m < 4 || ratios.some((list) => list.length < 2)) return 1
  let within = 0
  let count = 0
  let inverseCounts = 0
  for (const list of ratios) {
    const mean = list.reduce((a, b) => a + b, 0) / list.length
    for (const r of list) within += (r - mean) ** 2
    count += list.length
    inverseCounts += 1 / list.length
  }
  const noise = (within / (count - m) / (scale * scale)) * (inverseCounts / m)
  let spread = 0
  for (const v of figure) spread += (v - neutral) ** 2
  return spread > 0 ? Math.max(0, 1 - ((m - 3) * noise) / spread) : 0
}
