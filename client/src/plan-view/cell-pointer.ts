/** A cell by row key and column, the same in every browser whatever its row filters. */
export interface CellPointer {
  row: string
  col: number
  /**
   * The plan period under the column (a rolled-up column's first period), so that a board shown
   * at another time grain finds its own column (`pointerColumn`). Absent on label columns.
   */
  period?: number
}
