import type { Candidate } from './candidates.js'
import { candidatesFor, combinedMethods } from './candidates.js'
import { cleanHistory } from './clean-history.js'
import { demandClassOf } from './demand-class.js'
import type { ForecastOptions, ForecastResult, ForecastTrend } from './forecast-result.js'
import { naive } from './naive.js'
import { predictionIntervals } from './prediction-intervals.js'
import { rollingOrigins } from './rolling-origins.js'
import { isSeasonal } from './seasonality-test.js'
import { selectForecaster } from './select-forecaster.js'
import { ses } from './ses.js'

/** Fewest periods a non-seasonal model is fitted on in the hold-out. */
const MIN_FIT = 4

function checkOptions({ seasonLength, horizon }: ForecastOptions): void {
  if (!Number.isInteger(seasonLength) || seasonLength < 1)
    throw new RangeError(`seasonLength must be a whole number ≥ 1, got ${seasonLength}`)
  if (!Number.isInteger(horizon) || horizon < 0)
    throw new RangeError(`horizon must be a whole number ≥ 0, got ${horizon}`)
}

function flat(horizon: number, value: number): number[] {
  return new Array<number>(horizon).fill(value)
}

/**
 * The statistical forecast of one demand history: `horizon` values after its last entry, chosen
 * among naive, seasonal naive, SES, Holt, damped trend, Theta, Holt-Winters, Croston, SBA, TSB
 * and a combination by rolling-origin hold-out MASE, with 80 % and 95 % intervals from the
 * chosen model's hold-out errors. `null` or NaN entries are missing: before the first value the
 * product did not exist yet; after the last, the periods are not reported yet (and forecast).
 * Deterministic, never negative.
 */
export function forecastSeries(
  history: readonly (number | null)[],
  options: ForecastOptions,
): ForecastResult {
  checkOptions(options)
  const { horizon } = options
  const { values, trailingMissing } = cleanHistory(history)
  const steps = horizon + trailingMissing
  const demandClass = demandClassOf(values)
  const base = { demandClass, historyLength: values.length }
  if (demandClass === 'none') {
    const zeros = flat(horizon, 0)
    return {
      ...base,
      values: zeros,
      lower80: zeros,
      upper80: zeros,
      lower95: zeros,
      upper95: zeros,
      method: 'zero',
      members: ['zero'],
      holdoutMase: null,
      seasonLength: 1,
      trend: 'none',
    }
  }
  const m = options.seasonLength
  const smooth = demandClass === 'smooth' || demandClass === 'erratic'
  const seasonal = smooth && isSeasonal(values, m)
  const candidates = candidatesFor(
    demandClass,
    m,
    seasonal,
    values.every((v) => v > 0),
  )
  const origins = rollingOrigins(values.length, steps, seasonal ? 2 * m : MIN_FIT)
  const finish = (
    forecast: number[],
    errors: number[][],
    pick: { method: ForecastResult['method']; members: Candidate[]; trend: ForecastTrend },
    holdoutMase: number | null,
  ): ForecastResult => {
    const all = forecast.map((f) => Math.max(0, f))
    const intervals = predictionIntervals(all, errors)
    const tail = (xs: number[]) => xs.slice(trailingMissing)
    return {
      ...base,
      values: tail(all),
      lower80: tail(intervals.lower80),
      upper80: tail(intervals.upper80),
      lower95: tail(intervals.lower95),
      upper95: tail(intervals.upper95),
      method: pick.method,
      members: pick.members.map((c) => c.method),
      holdoutMase,
      seasonLength: pick.members.some((c) => c.seasonal) ? m : 1,
      trend: pick.trend,
    }
  }
  if (origins.length === 0) {
    const short = values.length >= 3 ? ses : naive
    const differences = values.slice(1).map((v, t) => v - values[t])
    const candidate: Candidate = {
      method: values.length >= 3 ? 'ses' : 'naive',
      trend: 'none',
      seasonal: false,
      forecast: short,
    }
    return finish(short(values, steps), [differences], { ...candidate, members: [candidate] }, null)
  }
  const selection = selectForecaster(values, candidates, combinedMethods(demandClass), origins, m)
  const memberForecasts = selection.members.map((c) => c.forecast(values, steps))
  const forecast = memberForecasts[0].map(
    (_, h) => memberForecasts.reduce((s, f) => s + Math.max(0, f[h]), 0) / memberForecasts.length,
  )
  const trend = selection.members.find((c) => c.trend !== 'none')?.trend ?? 'none'
  return finish(
    forecast,
    selection.score.errors,
    { method: selection.method, members: selection.members, trend },
    selection.score.mase,
  )
}
