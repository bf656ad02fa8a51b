import { additiveSmoothingForecast, fitAdditiveSmoothing } from './additive-smoothing.js'
import { nelderMead } from './nelder-mead.js'
import { seasonalIndices } from './seasonal-indices.js'
import { linearTrend } from './theta.js'

const LOWER = [0.0001, 0.0001, 0.0001]
const UPPER = [0.9999, 0.9999, 0.9999]

/**
 * Additive Holt-Winters (ETS A,A,A): seasonal states start from the classical additive figure,
 * level and slope by least squares; alpha, beta (share of alpha) and gamma (share of 1 − alpha)
 * by bounded Nelder–Mead on the in-sample SSE.
 */
export function holtWintersAdditive(
  values: readonly number[],
  horizon: number,
  m: number,
): number[] {
  const initial = seasonalIndices(values, m, 'additive')
  const fitFor = ([alpha, share, gammaShare]: number[]) =>
    fitAdditiveSmoothing(values, {
      alpha,
      beta: alpha * share,
      phi: 1,
      trend: true,
      seasonal: { initial, gamma: (1 - alpha) * gammaShare },
    })
  const best = nelderMead((x) => fitFor(x).sse, [0.3, 0.1, 0.1], LOWER, UPPER)
  return additiveSmoothingForecast(fitFor(best), 1, horizon)
}

interface MultiplicativeRun {
  sse: number
  forecast: (horizon: number) => number[]
}

function runMultiplicative(
  values: readonly number[],
  m: number,
  start: { level: number; slope: number; season: readonly number[] },
  [alpha, beta, gammaShare]: number[],
): MultiplicativeRun {
  const gamma = (1 - alpha) * gammaShare
  const season = [...start.season]
  let level = start.level
  let slope = start.slope
  let sse = 0
  for (let t = 0; t < values.length; t++) {
    const k = t % m
    const e = values[t] - (level + slope) * season[k]
    sse += e * e
    const previous = level
    level = alpha * (values[t] / season[k]) + (1 - alpha) * (level + slope)
    slope = beta * (level - previous) + (1 - beta) * slope
    if (level > 0) season[k] = gamma * (values[t] / level) + (1 - gamma) * season[k]
  }
  const n = values.length
  return {
    sse,
    forecast: (horizon) =>
      Array.from({ length: horizon }, (_, h) => (level + (h + 1) * slope) * season[(n + h) % m]),
  }
}

/**
 * Multiplicative Holt-Winters (the classic recursions): the seasonal figure from classical
 * multiplicative decomposition, level and slope from a line through the first two seasons
 * adjusted; alpha, beta and gamma (share of 1 − alpha) by bounded Nelder–Mead on the in-sample
 * SSE. Needs positive data.
 */
export function holtWintersMultiplicative(
  values: readonly number[],
  horizon: number,
  m: number,
): number[] {
  const season = seasonalIndices(values, m, 'multiplicative')
  const adjusted = values.slice(0, 2 * m).map((v, t) => v / season[t % m])
  const line = linearTrend(adjusted)
  const start = { level: line.intercept - line.slope, slope: line.slope, season }
  const best = nelderMead(
    (x) => runMultiplicative(values, m, start, x).sse,
    [0.3, 0.1, 0.1],
    LOWER,
    UPPER,
  )
  return runMultiplicative(values, m, start, best).forecast(horizon)
}
