import type { Item } from '@glideapps/glide-data-grid'
import type { PasteTarget } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS, periodOfColumn } from '../plan-view/board-view.js'

/** What a pasted value at a grid location lands on; the rules are applied by planPaste. */
export function pasteTargetAt(view: BoardView, [col, rowIndex]: Item): PasteTarget {
  const row = view.layout.rows[rowIndex]
  const period = periodOfColumn(col)
  if (!row || col < FROZEN_COLUMNS || period >= view.meta.periodCount) return { kind: 'label' }
  if (row.kind === 'sku' && (row.measure === 'demand' || row.measure === 'supply'))
    return { kind: 'cell', measure: row.measure, key: row.sku, period }
  if (row.kind === 'resource' && row.measure === 'capacity')
    return { kind: 'cell', measure: 'capacity', key: row.resource, period }
  if (row.kind === 'family' && (row.measure === 'demand' || row.measure === 'supply'))
    return { kind: 'family', measure: row.measure, family: row.family, period }
  return { kind: 'computed', family: row.kind === 'family' }
}
