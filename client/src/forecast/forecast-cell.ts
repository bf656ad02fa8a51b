import type { GridCell, Theme } from '@glideapps/glide-data-grid'
import { GridCellKind } from '@glideapps/glide-data-grid'
import { HISTORY_PERIODS, readActuals, readStatisticalForecast } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'

const BASELINE: Partial<Theme> = { bgCell: '#f3f0ff', textDark: '#5b3cc4' }
const ACTUALS: Partial<Theme> = { bgCell: '#f1f5f9', textDark: '#334155' }

/**
 * A read-only cell of a SKU's Statistical forecast row (the baseline of the last run) or its
 * Actuals row (closed plan periods); empty where there is none. Through `last`, the sum of the
 * periods from `period` to `last` that have a value (a rolled-up column).
 */
export function forecastCell(
  view: BoardView,
  measure: 'statistical' | 'actuals',
  sku: string,
  period: number,
  last = period,
): GridCell {
  const values =
    measure === 'statistical'
      ? readStatisticalForecast(view.plan, sku)?.values
      : readActuals(view.plan, sku).slice(HISTORY_PERIODS[view.meta.periodKind])
  let value: number | undefined
  for (let p = period; p <= last; p++) {
    const v = values?.[p]
    if (typeof v === 'number') value = (value ?? 0) + v
  }
  const display = value === undefined ? '' : view.format.number(value)
  return {
    kind: GridCellKind.Text,
    data: display,
    displayData: display,
    allowOverlay: false,
    readonly: true,
    contentAlign: 'right',
    themeOverride: measure === 'statistical' ? BASELINE : ACTUALS,
  }
}
