import type { GridCell } from '@glideapps/glide-data-grid'
import type { BoardRow } from '../plan-view/board-row.js'
import type { CompareOverlay } from '../plan-view/compare-overlay.js'
import { changeAt } from '../plan-view/compare-overlay.js'

/** The fill of a cell that differs in a comparison; its ink stays the cell's own. */
export const CHANGED_BG = '#fde68a'

/** Paints a changed cell in the comparison colour; other cells pass through. */
export function markChanged(
  overlay: CompareOverlay | undefined,
  row: BoardRow | undefined,
  period: number,
  cell: GridCell,
): GridCell {
  if (!changeAt(overlay, row, period)) return cell
  return { ...cell, themeOverride: { ...cell.themeOverride, bgCell: CHANGED_BG } }
}
