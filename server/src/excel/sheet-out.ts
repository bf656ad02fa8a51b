import type { SheetCell } from './sheet-table.js'

/** A sheet to write: a header row, then data rows. Writers escape its text, never its numbers. */
export interface SheetOut {
  name: string
  rows: SheetCell[][]
  /** Column widths in characters, column A first. */
  widths?: number[]
  /**
   * Number formats (Excel format codes such as `0.0%`), column A first, for the numbers of the
   * data rows (never the header). Excel shows them with the reader's decimal and thousands
   * separators. A sheet without formats is written without styles.
   */
  formats?: (string | null)[]
}
