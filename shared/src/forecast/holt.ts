import { additiveSmoothingForecast, fitAdditiveSmoothing } from './additive-smoothing.js'
import { nelderMead } from './nelder-mead.js'

/**
 * Holt's linear trend, or the damped trend when `damped`: alpha, beta (as a share of alpha, so
 * beta ≤ alpha) and phi in [0.8, 0.98] by bounded Nelder–Mead on the in-sample SSE; initial level
 * and slope by least squares.
 */
export function holt(values: readonly number[], horizon: number, damped = false): number[] {
  const fitFor = ([alpha, share, phi]: number[]) =>
    fitAdditiveSmoothing(values, { alpha, beta: alpha * share, phi: damped ? phi : 1, trend: true })
  const lower = [0.0001, 0.0001, 0.8]
  const upper = [0.9999, 0.9999, 0.98]
  const best = damped
    ? nelderMead((x) => fitFor(x).sse, [0.3, 0.1, 0.9], lower, upper)
    : nelderMead((x) => fitFor([x[0], x[1], 1]).sse, [0.3, 0.1], lower, upper)
  const phi = damped ? best[2] : 1
  return additiveSmoothingForecast(fitFor([best[0], best[1], phi]), phi, horizon)
}

/** The damped additive trend (Gardner and McKenzie). */
export function dampedTrend(values: readonly number[], horizon: number): number[] {
  return holt(values, horizon, true)
}
