import type { ImportIssue } from '@tandem/shared'

/** A cell's value as read from a file: text, a number or nothing. Never a formula. */
export type SheetCell = string | number | null

/** One row of a sheet: its 1-based number and its cells, column A first. */
export interface SheetRow {
  row: number
  cells: SheetCell[]
}

/** The rows of one sheet that has content. */
export interface SheetTable {
  name: string
  rows: SheetRow[]
  /** Cells refused while reading (a formula, a value of no known kind), read as blank. */
  refused?: ImportIssue[]
}
