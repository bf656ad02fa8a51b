import { performance } from 'node:perf_hooks'
import type { ForecastMethod } from '@tandem/shared'
import { forecastSeries, mase, seasonalNaive, ses, smape } from '@tandem/shared'
import type { M3Series } from './m3-series.js'

/** Per-series scores of the engine and the two baselines. */
export interface ForecastScores {
  category: string
  engine: { smape: number; mase: number }
  seasonalNaive: { smape: number; mase: number }
  ses: { smape: number; mase: number }
  method: ForecastMethod
  members: ForecastMethod[]
}

/** The `forecast` scenario's measurements: every series scored, and the engine's run time alone. */
export interface ForecastReport {
  series: ForecastScores[]
  engineMs: number
}

const score = (s: M3Series, forecast: number[]) => ({
  smape: smape(s.test, forecast),
  mase: mase(s.test, forecast, s.train, 12),
})

/** Forecasts the last 18 values of every series from the rest, timing `forecastSeries` alone. */
export function forecastRun(series: readonly M3Series[]): ForecastReport {
  const began = performance.now()
  const results = series.map((s) =>
    forecastSeries(s.train, { seasonLength: 12, horizon: s.test.length }),
  )
  const engineMs = performance.now() - began
  return {
    engineMs,
    series: series.map((s, i) => ({
      category: s.category,
      engine: score(s, results[i].values),
      seasonalNaive: score(s, seasonalNaive(s.train, s.test.length, 12)),
      ses: score(s, ses(s.train, s.test.length)),
      method: results[i].method,
      members: results[i].members,
    })),
  }
}
