/** The limits every imported file is held to; each one, when broken, gives its own error. */
export const IMPORT_LIMITS = {
  /** Largest file accepted, in bytes. */
  bytes: 32 * 1024 * 1024,
  /** Largest total uncompressed size an XLSX file may declare, in bytes. */
  unzippedBytes: 768 * 1024 * 1024,
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
