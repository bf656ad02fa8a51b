import { additiveSmoothingForecast, fitAdditiveSmoothing } from './additive-smoothing.js'
import { goldenSection } from './golden-section.js'

/** Least-squares line through (t, values[t]), t = 0..n-1. */
export function linearTrend(values: readonly number[]): { intercept: number; slope: number } {
  const n = values.length
  const tMean = (n - 1) / 2
  const yMean = values.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (values[t] - yMean)
    sxx += (t - tMean) ** 2
  }
  const slope = sxx > 0 ? sxy / sxx : 0
  return { intercept: yMean - slope * tMean, slope }
}

/**
 * The classic Theta method (Assimakopoulos and Nikolopoulos, as in the M4 benchmark code): the
 * average of the regression line (theta 0), extended, and SES on the theta-2 line 2·y − line.
 * Seasonality is removed beforehand by the caller.
 */
export function theta(values: readonly number[], horizon: number): number[] {
  const n = values.length
  const { intercept, slope } = linearTrend(values)
  const line2 = values.map((v, t) => 2 * v - (intercept + slope * t))
  const fitFor = (alpha: number) =>
    fitAdditiveSmoothing(line2, { alpha, beta: 0, phi: 1, trend: false })
  const alpha = goldenSection((a) => fitFor(a).sse, 0.0001, 0.9999)
  const ses2 = additiveSmoothingForecast(fitFor(alpha), 1, horizon)
  return ses2.map((s, h) => 0.5 * s + 0.5 * (intercept + slope * (n + h)))
}
