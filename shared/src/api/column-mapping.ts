import type { Measure } from '../roots.js'

/** The fixed columns of an import's Plan sheet, in the order an export writes them. */
export const IMPORT_COLUMNS = [
  'family',
  'sku',
  'name',
  'site',
  'unit',
  'resource',
  'openingStock',
  'safetyStock',
  'maxStock',
  'price',
  'unitCost',
  'leadTime',
  'minBatch',
  'lotSize',
  'measure',
] as const

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

/** What a mapped column holds: a fixed column, a period (read from its header), or nothing. */
export type MappedColumn = ImportColumn | 'period' | 'ignore'

/**
 * How to read a file that does not follow the template, chosen in the column-mapping step and
 * sent as the `mapping` query parameter (JSON) of an import.
 */
export interface ColumnMapping {
  /** The 1-based row that holds the headers (default 1); rows above it are skipped. */
  headerRow?: number
  /** What each column holds, by 1-based column number; columns not listed keep their header. */
  columns?: Record<string, MappedColumn>
  /** Every row is this measure: for a file without a Measure column. */
  measure?: Measure
}

/** A file's header row as the server read it, so the mapping step can show it. */
export interface ImportHeader {
  sheet: string
  row: number
  /** Each header cell's text, column A first ('' for blank cells). */
  cells: string[]
  /** How each column was understood: a fixed column, a period key, or undefined. */
  understood: (string | null)[]
}
