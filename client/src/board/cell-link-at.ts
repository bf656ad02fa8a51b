import type { Item } from '@glideapps/glide-data-grid'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS, periodOfColumn } from '../plan-view/board-view.js'
import { rowKey } from '../plan-view/board-row.js'
import type { BoardLink } from '../navigation/board-link.js'

/** The link to the cell at a grid location (a rolled-up column: its first period), if it is one. */
export function cellLinkAt(view: BoardView, [col, rowIndex]: Item): BoardLink | undefined {
  const row = view.layout.rows[rowIndex]
  const bucket = view.axis.buckets[periodOfColumn(col)]
  if (!row || col < FROZEN_COLUMNS || !bucket) return undefined
  return { kind: 'cell', row: rowKey(row), period: bucket.first }
}
