import type { Item } from '@glideapps/glide-data-grid'
import { readStatisticalForecast } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { periodAt } from '../plan-view/board-view.js'

/**
 * How the baseline at a grid location was made, in the reader's language: method (and the
 * averaged members), season length, trend, demand class, hold-out MASE and the 80 % interval.
 * Undefined unless the location is a Statistical forecast cell with a value.
 */
export function baselineExplanation(view: BoardView, [col, rowIndex]: Item): string | undefined {
  const row = view.layout.rows[rowIndex]
  if (row?.kind !== 'sku' || row.measure !== 'statistical') return undefined
  const period = periodAt(view, col)
  if (period === undefined) return undefined
  const forecast = readStatisticalForecast(view.plan, row.sku)
  const value = forecast?.values[period]
  if (!forecast || value === undefined) return undefined
  const { t, format } = view
  const method =
    forecast.method === 'combination'
      ? t('forecast.combinationOf', {
          methods: forecast.members.map((m) => t(`forecast.methods.${m}`)).join(', '),
        })
      : t(`forecast.methods.${forecast.method}`)
  return t('forecast.explanation', {
    value: format.number(value),
    method,
    season:
      forecast.seasonLength > 1
        ? t('forecast.season', { count: forecast.seasonLength })
        : t('forecast.noSeason'),
    trend: t(`forecast.trends.${forecast.trend}`),
    demandClass: t(`forecast.classes.${forecast.demandClass}`),
    mase:
      forecast.holdoutMase === null
        ? t('forecast.noHoldout')
        : t('forecast.mase', { mase: forecast.holdoutMase.toFixed(2) }),
    lower: format.number(forecast.lower80[period] ?? value),
    upper: format.number(forecast.upper80[period] ?? value),
  })
}
