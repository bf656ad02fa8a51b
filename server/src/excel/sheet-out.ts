import type { SheetCell } from './sheet-table.js'

/** A sheet to write: a header row, then data rows. Writers escape its text, never its numbers. */
export interface SheetOut {
  name: string
  rows: SheetCell[][]
  /** Column widths in characters, column A first. */
  widths?: number[]
}
