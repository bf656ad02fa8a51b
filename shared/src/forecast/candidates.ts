import { croston, sba } from './croston.js'
import type { DemandClass, ForecastMethod, ForecastTrend } from './forecast-result.js'
import { FORECAST_METHODS } from './forecast-result.js'
import { dampedTrend, holt } from './holt.js'
import { holtWintersAdditive, holtWintersMultiplicative } from './holt-winters.js'
import { naive } from './naive.js'
import { seasonalNaive } from './seasonal-naive.js'
import type { SeriesForecaster } from './seasonally-adjusted.js'
import { seasonallyAdjusted } from './seasonally-adjusted.js'
import { ses } from './ses.js'
import { theta } from './theta.js'
import { tsb } from './tsb.js'

/** One model the selection may choose. */
export interface Candidate {
  method: ForecastMethod
  trend: ForecastTrend
  /** Whether it uses the season (seasonal model or seasonally adjusted input). */
  seasonal: boolean
  forecast: SeriesForecaster
}

/**
 * The combination's members: SES, Holt, damped trend and Theta (Comb S-H-D of the M3 literature
 * plus Theta) for smooth and erratic demand; SES, SBA and TSB for intermittent and lumpy demand.
 */
export function combinedMethods(demandClass: DemandClass): ForecastMethod[] {
  return demandClass === 'intermittent' || demandClass === 'lumpy'
    ? ['ses', 'sba', 'tsb']
    : ['ses', 'holt', 'dampedTrend', 'theta']
}

/** Position in FORECAST_METHODS: lower is simpler. */
export const complexityOf = (method: ForecastMethod): number => FORECAST_METHODS.indexOf(method)

/**
 * The models worth trying for a history: Croston's family for intermittent and lumpy demand,
 * the exponential smoothing family and Theta otherwise, seasonally adjusted (and the seasonal
 * models added) when the season test found a season.
 */
export function candidatesFor(
  demandClass: DemandClass,
  m: number,
  seasonal: boolean,
  positive: boolean,
): Candidate[] {
  if (demandClass === 'intermittent' || demandClass === 'lumpy') {
    return [
      { method: 'naive', trend: 'none', seasonal: false, forecast: naive },
      { method: 'ses', trend: 'none', seasonal: false, forecast: ses },
      { method: 'croston', trend: 'none', seasonal: false, forecast: (v, h) => croston(v, h) },
      { method: 'sba', trend: 'none', seasonal: false, forecast: (v, h) => sba(v, h) },
      { method: 'tsb', trend: 'none', seasonal: false, forecast: tsb },
    ]
  }
  const adjust = (f: SeriesForecaster) => (seasonal ? seasonallyAdjusted(f, m) : f)
  const list: Candidate[] = [
    { method: 'naive', trend: 'none', seasonal, forecast: adjust(naive) },
    { method: 'ses', trend: 'none', seasonal, forecast: adjust(ses) },
    { method: 'holt', trend: 'additive', seasonal, forecast: adjust((v, h) => holt(v, h)) },
    { method: 'dampedTrend', trend: 'damped', seasonal, forecast: adjust(dampedTrend) },
    { method: 'theta', trend: 'additive', seasonal, forecast: adjust(theta) },
  ]
  if (seasonal) {
    list.push(
      {
        method: 'seasonalNaive',
        trend: 'none',
        seasonal: true,
        forecast: (v, h) => seasonalNaive(v, h, m),
      },
      {
        method: 'holtWintersAdditive',
        trend: 'additive',
        seasonal: true,
        forecast: (v, h) => holtWintersAdditive(v, h, m),
      },
    )
    if (positive)
      list.push({
        method: 'holtWintersMultiplicative',
        trend: 'additive',
        seasonal: true,
        forecast: (v, h) => holtWintersMultiplicative(v, h, m),
      })
  }
  return list.sort((a, b) => complexityOf(a.method) - complexityOf(b.method))
}
