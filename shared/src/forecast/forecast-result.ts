/**
 * Every method the engine can choose, simplest first: ties in the hold-out go to the earlier one.
 * Seasonal naive comes before naive because naive only meets it on a seasonally adjusted series.
 */
export const FORECAST_METHODS = [
  'zero',
  'seasonalNaive',
  'naive',
  'ses',
  'croston',
  'sba',
  'tsb',
  'holt',
  'dampedTrend',
  'theta',
  'holtWintersAdditive',
  'holtWintersMultiplicative',
  'combination',
] as const
export type ForecastMethod = (typeof FORECAST_METHODS)[number]

/**
 * Syntetos–Boylan demand classes (ADI ≥ 1.32 is intermittent, CV² ≥ 0.49 is variable), plus
 * `none` for a series without any demand.
 */
export const DEMAND_CLASSES = ['smooth', 'erratic', 'intermittent', 'lumpy', 'none'] as const
export type DemandClass = (typeof DEMAND_CLASSES)[number]

/** The trend the chosen model carries into the horizon. */
export type ForecastTrend = 'none' | 'additive' | 'damped'

export interface ForecastOptions {
  /** Periods per season: 1 for none, 12 for months, 52 for weeks. */
  seasonLength: number
  /** Periods to forecast after the last entry of the history. */
  horizon: number
}

/** What `forecastSeries` returns; every array has `horizon` entries, none negative. */
export interface ForecastResult {
  values: number[]
  lower80: number[]
  upper80: number[]
  lower95: number[]
  upper95: number[]
  method: ForecastMethod
  /** For `combination`: the methods averaged, best first. Otherwise `[method]`. */
  members: ForecastMethod[]
  demandClass: DemandClass
  /** Mean MASE of the chosen model over the rolling-origin hold-out; null when too short to hold out. */
  holdoutMase: number | null
  /** The season length the forecast used: `options.seasonLength`, or 1 when no seasonality was found. */
  seasonLength: number
  trend: ForecastTrend
  /** How many history entries were used (leading missing periods are not). */
  historyLength: number
}
