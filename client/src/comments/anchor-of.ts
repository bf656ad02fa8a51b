import type { Item } from '@glideapps/glide-data-grid'
import type { CommentAnchor } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS, periodAt } from '../plan-view/board-view.js'

/** The comment anchor of a grid location: a SKU or resource cell, or a whole SKU row. */
export function anchorOf(view: BoardView, [col, rowIndex]: Item): CommentAnchor | undefined {
  const row = view.layout.rows[rowIndex]
  if (!row || row.kind === 'family' || row.kind === 'total' || row.kind === 'group')
    return undefined
  const period = periodAt(view, col)
  if (col >= FROZEN_COLUMNS && period === undefined) return undefined
  if (row.kind === 'resource') {
    return period === undefined ? undefined : { measure: 'capacity', key: row.resource, period }
  }
  const measure = row.measure === 'gap' ? 'projected' : row.measure
  if (
    measure === 'safetyStock' ||
    measure === 'maxStock' ||
    measure === 'statistical' ||
    measure === 'actuals' ||
    measure === 'transferIn' ||
    measure === 'transferOut'
  )
    return undefined
  return period === undefined ? { measure, key: row.sku } : { measure, key: row.sku, period }
}
