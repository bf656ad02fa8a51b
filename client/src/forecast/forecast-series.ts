import type { PlanDoc } from '@tandem/shared'
import { HISTORY_PERIODS, readActuals, readStatisticalForecast } from '@tandem/shared'

/** The history and statistical forecast the chart draws beside the plan, summed over its SKUs. */
export interface ForecastSeries {
  /** Periods of history shown before period 0 (one year). */
  historyShown: number
  /** Actuals from period −historyShown through the last plan period; null where none. */
  actuals: (number | null)[]
  /** Baseline and its 80 % interval over the plan's periods; null without a forecast. */
  baseline: (number | null)[]
  lower80: (number | null)[]
  upper80: (number | null)[]
}

export function forecastSeries(plan: PlanDoc, skus: readonly string[]): ForecastSeries {
  const meta = plan.readMeta()
  const history = HISTORY_PERIODS[meta.periodKind]
  const historyShown = meta.periodKind === 'week' ? 52 : 12
  const length = historyShown + meta.periodCount
  const actuals = new Array<number | null>(length).fill(null)
  const baseline = new Array<number | null>(meta.periodCount).fill(null)
  const lower80 = [...baseline]
  const upper80 = [...baseline]
  const add = (into: (number | null)[], i: number, value: number | null | undefined) => {
    if (value === null || value === undefined) return
    into[i] = (into[i] ?? 0) + value
  }
  for (const sku of skus) {
    const row = readActuals(plan, sku)
    for (let i = 0; i < length; i++) add(actuals, i, row[history - historyShown + i])
    const forecast = readStatisticalForecast(plan, sku)
    if (!forecast) continue
    for (let p = 0; p < meta.periodCount; p++) {
      add(baseline, p, forecast.values[p])
      add(lower80, p, forecast.lower80[p])
      add(upper80, p, forecast.upper80[p])
    }
  }
  return { historyShown, actuals, baseline, lower80, upper80 }
}
