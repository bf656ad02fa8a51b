import type { Item } from '@glideapps/glide-data-grid'
import type { BoardView } from '../plan-view/board-view.js'
import { periodAt } from '../plan-view/board-view.js'
import { describeCell } from '../plan-view/describe-cell.js'
import { measureOfRow } from '../plan-view/compare-overlay.js'
import type { CellHistoryTarget } from './cell-history-target.js'

/** The value cell at a grid position, whose history can be asked for; else undefined. */
export function historyTargetAt(
  view: BoardView,
  [col, rowIndex]: Item,
): CellHistoryTarget | undefined {
  const row = view.layout.rows[rowIndex]
  const place = row && measureOfRow(row)
  const period = periodAt(view, col)
  if (!place || period === undefined) return undefined
  return { ...place, period, label: describeCell(view, place.measure, place.key, period) }
}
