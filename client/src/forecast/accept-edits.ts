import type { GridSelection } from '@glideapps/glide-data-grid'
import type { CellEdit } from '@tandem/shared'
import { isFrozenPeriod, readStatisticalForecast } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { periodOfColumn } from '../plan-view/board-view.js'

/** What to accept the baseline for. */
export type AcceptScope = 'selection' | 'sku' | 'family' | 'visible'

/** The demand edits accepting the baseline amounts to, and how many frozen cells were kept. */
export interface AcceptPlan {
  edits: CellEdit[]
  frozen: number
}

/**
 * Writes the statistical forecast into demand: the selected cells (any row of a SKU names its
 * demand), the SKU or family of the current cell, or every SKU the board shows, each over the
 * periods in scope. Frozen periods keep their demand; SKUs without a baseline are skipped, and
 * cells that already equal the baseline are left out.
 */
export function acceptEdits(
  view: BoardView,
  selection: GridSelection,
  scope: AcceptScope,
): AcceptPlan {
  const { layout, meta, model, plan } = view
  const all = Array.from({ length: meta.periodCount }, (_, p) => p)
  const current = selection.current
  const row = current ? layout.rows[current.cell[1]] : undefined
  let skus: string[] = []
  let periods = all
  if (scope === 'visible') skus = [...layout.shownSkus]
  else if (scope === 'sku' && row?.kind === 'sku') skus = [row.sku]
  else if (scope === 'family' && (row?.kind === 'sku' || row?.kind === 'family'))
    skus = (model.family(row.family)?.skus ?? []).filter((sku) => layout.shownSkus.has(sku))
  else if (scope === 'selection' && current) {
    const { x, y, width, height } = current.range
    const found = new Set<string>()
    for (let r = y; r < y + height; r++) {
      const at = layout.rows[r]
      if (at?.kind === 'sku') found.add(at.sku)
      if (at?.kind === 'family')
        for (const sku of model.family(at.family)?.skus ?? [])
          if (layout.shownSkus.has(sku)) found.add(sku)
    }
    skus = [...found]
    const first = periodOfColumn(x)
    periods = all.filter((p) => {
      const column = view.axis.bucketOfPeriod[p]
      return column >= first && column < first + width
    })
  }
  const edits: CellEdit[] = []
  let frozen = 0
  for (const sku of skus) {
    const values = readStatisticalForecast(plan, sku)?.values
    if (!values) continue
    for (const period of periods) {
      const value = values[period]
      if (value === undefined) continue
      if (isFrozenPeriod(meta, period)) {
        frozen++
        continue
      }
      if (plan.readCell('demand', sku, period) !== value)
        edits.push({ measure: 'demand', key: sku, period, value })
    }
  }
  return { edits, frozen }
}
