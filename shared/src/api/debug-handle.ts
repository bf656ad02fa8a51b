import type { Measure } from '../roots.js'

/** A rectangle of grid cells, or of pixels in client coordinates. */
export interface GridRectangle {
  x: number
  y: number
  width: number
  height: number
}

/**
 * The board's read-only getters at `window.__tandem` (with `?debug=1` or in development), for
 * end-to-end tests and for people debugging the canvas grid.
 */
export interface TandemDebugHandle {
  /** The grid's current cell: its row key and column, if a cell is selected. */
  currentCell(): { row: string; col: number } | undefined
  /** The plan period of a column (the first of a rolled-up one), or undefined on a label column. */
  periodOfColumn(col: number): number | undefined
  /**
   * The text the grid paints in a cell (what the person sees), by row key and period; at a
   * rolled-up grain, the cell of the month or quarter that holds the period.
   */
  cellText(row: string, period: number): string | undefined
  /** The cell's rectangle in client coordinates, so a test can click it like a person. */
  cellBounds(row: string, period: number): GridRectangle | undefined
  /** Scrolls the grid so that the cell is on screen, as a person scrolling to it would. */
  scrollToCell(row: string, period: number): void
  /** The value of a measure cell in the live Y.Doc. */
  readCell(measure: Measure, key: string, period: number): number
  /** The range of visible cells and the key of the top visible row. */
  visibleRegion(): GridRectangle & { topRow: string | undefined }
  /** Row keys in display order. */
  rowKeys(): string[]
  /** Which document generation is live: it grows after a rejection resync. */
  generation(): number
  /** Everyone's presence as this browser sees it, by clientID. */
  presence(): Record<number, unknown>
  /** In a comparison, a changed cell's "old → new" as its tooltip shows it; else undefined. */
  changeAt(row: string, period: number): string | undefined
  /** How many cells the current comparison found changed, or undefined when not comparing. */
  changedCells(): number | undefined
  /** The version shown read-only instead of the live plan, by name. */
  shownVersion(): string | undefined
  /** Other people's selected ranges as this grid highlights them, in grid cells. */
  remoteRanges(): GridRectangle[]
}
