import { seasonalIndices } from './seasonal-indices.js'

export type SeriesForecaster = (values: readonly number[], horizon: number) => number[]

/**
 * Wraps a non-seasonal method: divide out the classical multiplicative seasonal figure, forecast
 * the adjusted series, multiply the figure back in. Falls back to the additive figure when the
 * data has negatives or a season position without demand (a ratio cannot be divided out).
 */
export function seasonallyAdjusted(forecaster: SeriesForecaster, m: number): SeriesForecaster {
  return (values, horizon) => {
    const n = values.length
    const multiplicative = seasonalIndices(values, m, 'multiplicative', { shrink: true })
    if (values.every((v) => v >= 0) && multiplicative.every((s) => s > 1e-3)) {
      const adjusted = values.map((v, t) => v / multiplicative[t % m])
      return forecaster(adjusted, horizon).map((f, h) => f * multiplicative[(n + h) % m])
    }
    const additive = seasonalIndices(values, m, 'additive', { shrink: true })
    const adjusted = values.map((v, t) => v - additive[t % m])
    return forecaster(adjusted, horizon).map((f, h) => f + additive[(n + h) % m])
  }
}
