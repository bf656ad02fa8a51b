import type { Item, Rectangle } from '@glideapps/glide-data-grid'
import type { ModelChange } from '@tandem/shared'
import { groupOfItem, hasGaps } from '../plan-view/board-layout.js'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS } from '../plan-view/board-view.js'

/**
 * The on-screen cells a model change repaints, found by walking only the visible rows; or
 * 'relayout' when the rows themselves must change (a filtered SKU gained or lost its gaps, a SKU
 * appeared, vanished or moved to another family).
 */
export function affectedCells(
  view: BoardView,
  change: ModelChange,
  visible: Rectangle,
  columnCount: number,
): { cell: Item }[] | 'relayout' {
  const { layout, model } = view
  const groups = new Set<string>()
  for (const sku of change.skus) {
    const exists = model.sku(sku) !== undefined
    const filtered = view.gapsOnly || view.gapKind !== undefined
    const inScope = exists && (!layout.scope.scoped || layout.scope.hasSku(sku))
    const wanted = inScope && (!filtered || hasGaps(model, sku, view.gapKind))
    if (wanted !== layout.shownSkus.has(sku)) return 'relayout'
    const item = model.sku(sku)?.item
    const shownRow = layout.rows[layout.rowsOfSku.get(sku)?.[0] ?? -1]
    if (wanted && shownRow?.kind === 'sku' && shownRow.family !== item?.family) return 'relayout'
    if (inScope && item && layout.rollUps.groupOfSku(sku) !== groupOfItem(item, layout.grouping))
      return 'relayout'
    const hasTransfers = model.transfersOf(sku).length > 0
    if (wanted && layout.showsTransfers && hasTransfers !== layout.transferRows.has(sku))
      return 'relayout'
    if (inScope) groups.add(layout.rollUps.groupOfSku(sku) ?? '')
  }
  const cells: { cell: Item }[] = []
  const lastRow = Math.min(layout.rows.length - 1, visible.y + visible.height)
  const lastCol = Math.min(columnCount - 1, visible.x + visible.width)
  for (let r = Math.max(0, visible.y); r <= lastRow; r++) {
    const row = layout.rows[r]
    const hit =
      row.kind === 'sku'
        ? change.skus.has(row.sku) ||
          (row.measure === 'supply' &&
            change.resources.has(model.sku(row.sku)?.item.resource ?? ''))
        : row.kind === 'family'
          ? change.families.has(row.family)
          : row.kind === 'group'
            ? groups.has(row.group)
            : row.kind === 'total'
              ? change.families.size > 0
              : change.resources.has(row.resource)
    if (!hit) continue
    for (let c = 0; c < FROZEN_COLUMNS; c++) cells.push({ cell: [c, r] })
    for (let c = Math.max(FROZEN_COLUMNS, visible.x); c <= lastCol; c++)
      cells.push({ cell: [c, r] })
  }
  return cells
}
