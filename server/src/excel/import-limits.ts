/** The limits every imported file is held to; each one, when broken, gives its own error. */
export const IMPORT_LIMITS = {
  /** Largest file accepted, in bytes. */
  bytes: 32 * 1024 * 1024,
  /**
   * Largest total unpacked size of the XLSX parts that are read (workbook, styles, shared
   * strings, sheets), in bytes. Each part must unpack to exactly the size it declares.
   */
  unzippedBytes: 768 * 1024 * 1024,
  /** Largest unpacked shared-strings part, in bytes. */
  sharedStringsBytes: 64 * 1024 * 1024,
  /** Most shared strings in one workbook. */
  sharedStrings: 1_000_000,
  /** Time one import (reading and checking the file) may take, in milliseconds. */
  timeLimitMs: 60_000,
  /** Rows per sheet, the header included. */
  rows: 60_000,
  /** Columns per sheet. */
  columns: 200,
  /** Characters in one cell. */
  cellChars: 1_000,
  /** Issues listed in one answer; the count of the others is given. */
  listedIssues: 200,
  /** Changed cells listed in one import preview; the total is given. */
  listedCells: 50_000,
} as const
