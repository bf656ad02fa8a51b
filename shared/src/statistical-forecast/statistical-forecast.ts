import type {
  DemandClass,
  ForecastMethod,
  ForecastResult,
  ForecastTrend,
} from '../forecast/forecast-result.js'
import type { PlanDoc } from '../plan-doc.js'

/**
 * The statistical forecast of one SKU as stored in the `forecast` root (one JSON value per
 * SKU, replaced whole by each run; only the server writes it). Arrays have `periodCount`
 * entries, rounded to the plan's decimals.
 */
export interface StatisticalForecast {
  values: number[]
  lower80: number[]
  upper80: number[]
  method: ForecastMethod
  members: ForecastMethod[]
  demandClass: DemandClass
  holdoutMase: number | null
  seasonLength: number
  trend: ForecastTrend
  historyLength: number
  /** When the run that wrote it started (ISO). */
  runAt: string
}

/** The stored form of an engine result. */
export function statisticalForecastOf(
  result: ForecastResult,
  decimals: number,
  runAt: string,
): StatisticalForecast {
  const scale = 10 ** decimals
  const round = (xs: number[]) => xs.map((x) => Math.round(x * scale) / scale)
  return {
    values: round(result.values),
    lower80: round(result.lower80),
    upper80: round(result.upper80),
    method: result.method,
    members: result.members,
    demandClass: result.demandClass,
    holdoutMase: result.holdoutMase === null ? null : Math.round(result.holdoutMase * 1000) / 1000,
    seasonLength: result.seasonLength,
    trend: result.trend,
    historyLength: result.historyLength,
    runAt,
  }
}

/** A SKU's statistical forecast, if a run wrote one. */
export function readStatisticalForecast(
  plan: PlanDoc,
  sku: string,
): StatisticalForecast | undefined {
  const value = plan.forecast.get(sku)
  return value && typeof value === 'object' ? (value as StatisticalForecast) : undefined
}
