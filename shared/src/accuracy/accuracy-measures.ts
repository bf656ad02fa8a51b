import { observed } from './observed.js'

/**
 * Forecast accuracy over aligned series of actuals and forecasts.
 *
 * Sign convention (stated once, in docs/forecasting.md too): the error of a period is
 * `forecast − actual`, so a positive bias is an over-forecast. The tracking signal follows the
 * planners' textbook definition, Σ(actual − forecast) / MAD, so it is positive when demand ran
 * above the forecast; |TS| > 4 flags a biased series.
 *
 * A period counts only when it has both an actual and a forecast (`null` means "no data": no
 * actuals yet, or no snapshot at that lag). A figure that cannot be computed is `null`, never 0.
 */
export interface AccuracyMeasures {
  /** Periods with both an actual and a forecast. */
  count: number
  actualTotal: number
  forecastTotal: number
  /** Σ|A − F|. */
  absoluteError: number
  /** Σ|A − F| / ΣA, as a fraction; null when ΣA is 0. */
  wmape: number | null
  /** Σ(F − A) / ΣA, as a fraction; positive = over-forecast; null when ΣA is 0. */
  bias: number | null
  /** Mean absolute deviation, Σ|A − F| / n. */
  mad: number
  /** Σ(A − F) / MAD; null when MAD is 0. */
  trackingSignal: number | null
  /** |trackingSignal| > 4. */
  biased: boolean
  /** MAD ÷ the in-sample MAD of seasonal naive; null when no scale was given or it is 0. */
  mase: number | null
}

/** The tracking-signal limit beyond which a series counts as biased. */
export const TRACKING_SIGNAL_LIMIT = 4

/**
 * Accuracy of `forecast` against `actual`, period by period. `naiveScale` is the mean absolute
 * error of seasonal naive in sample (see `seasonalNaiveScale`), for MASE. Returns null when no
 * period has both values: "no data", which is not a perfect score.
 */
export function accuracyMeasures(
  actual: readonly (number | null)[],
  forecast: readonly (number | null)[],
  naiveScale: number | null = null,
): AccuracyMeasures | null {
  let count = 0
  let actualTotal = 0
  let forecastTotal = 0
  let absoluteError = 0
  let signedError = 0
  const length = Math.min(actual.length, forecast.length)
  for (let i = 0; i < length; i++) {
    const a = actual[i]
    const f = forecast[i]
    if (!observed(a) || !observed(f)) continue
    count++
    actualTotal += a
    forecastTotal += f
    absoluteError += Math.abs(a - f)
    signedError += f - a
  }
  if (count === 0) return null
  const mad = absoluteError / count
  const trackingSignal = mad === 0 ? null : (actualTotal - forecastTotal) / mad
  return {
    count,
    actualTotal,
    forecastTotal,
    absoluteError,
    wmape: actualTotal === 0 ? null : absoluteError / actualTotal,
    bias: actualTotal === 0 ? null : signedError / actualTotal,
    mad,
    trackingSignal,
    biased: trackingSignal !== null && Math.abs(trackingSignal) > TRACKING_SIGNAL_LIMIT,
    mase: naiveScale === null || naiveScale === 0 ? null : mad / naiveScale,
  }
}
