import Papa from 'papaparse'
import { escapeFormulaText } from './formula-text.js'
import type { SheetOut } from './sheet-out.js'

/**
 * Writes one sheet as CSV (UTF-8 with a byte-order mark, so Excel reads 中文 names, and CRLF
 * line ends). Text that a spreadsheet could take for a formula is escaped; numbers are not.
 */
export function writeCsv(sheet: SheetOut): Buffer {
  const rows = sheet.rows.map((cells) =>
    cells.map((cell: unknown) =>
      typeof cell === 'string'
        ? escapeFormulaText(cell)
        : typeof cell === 'number' && Number.isFinite(cell)
          ? cell
          : '',
    ),
  )
  return Buffer.from(`\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}\r\n`, 'utf8')
}
