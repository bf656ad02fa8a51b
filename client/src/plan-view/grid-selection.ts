import type { GridSelection } from '@glideapps/glide-data-grid'
import { CompactSelection } from '@glideapps/glide-data-grid'

/** No cell, row or column selected. */
export const EMPTY_SELECTION: GridSelection = {
  columns: CompactSelection.empty(),
  rows: CompactSelection.empty(),
}

/** A selection of one cell. */
export function singleCell(col: number, row: number): NonNullable<GridSelection['current']> {
  return { cell: [col, row], range: { x: col, y: row, width: 1, height: 1 }, rangeStack: [] }
}
