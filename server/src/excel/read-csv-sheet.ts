import Papa from 'papaparse'
import { ImportProblem } from './import-issue.js'
import { IMPORT_LIMITS } from './import-limits.js'
import type { SheetCell, SheetRow, SheetTable } from './sheet-table.js'

/**
 * Reads a CSV file (UTF-8, with or without a byte-order mark; comma, semicolon or tab
 * separated) as the sheet `sheet`, one record at a time. Every limit (rows, columns, cell
 * text) and any byte that is not text ends the read with its own error.
 */
export function readCsvSheet(file: Buffer, sheet: string): SheetTable {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file)
  } catch {
    throw ImportProblem.single('badRequest', { sheet, row: 0 }, 'the file is not UTF-8 text')
  }
  const nul = text.indexOf('\u0000')
  if (nul >= 0) {
    const row = text.slice(0, nul).split('\n').length
    throw ImportProblem.single('badRequest', { sheet, row }, 'the file holds binary data, not text')
  }
  const rows: SheetRow[] = []
  let problem: ImportProblem | undefined
  let record = 0
  Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: false,
    step: (results, parser) => {
      record++
      problem = checkRecord(sheet, record, results.data, results.errors)
      if (problem) return parser.abort()
      const cells: SheetCell[] = results.data.map((value) => (value === '' ? null : value))
      if (cells.some((cell) => cell !== null)) rows.push({ row: record, cells })
    },
  })
  if (problem) throw problem
  return { name: sheet, rows }
}

function checkRecord(
  sheet: string,
  row: number,
  values: string[],
  errors: Papa.ParseError[],
): ImportProblem | undefined {
  if (row > IMPORT_LIMITS.rows) {
    return ImportProblem.single(
      'payloadTooLarge',
      { sheet, row },
      `a sheet may have at most ${IMPORT_LIMITS.rows} rows`,
    )
  }
  if (values.length > IMPORT_LIMITS.columns) {
    return ImportProblem.single(
      'payloadTooLarge',
      { sheet, row, column: values.length },
      `a sheet may have at most ${IMPORT_LIMITS.columns} columns`,
    )
  }
  const long = values.findIndex((value) => value.length > IMPORT_LIMITS.cellChars)
  if (long >= 0) {
    return ImportProblem.single(
      'payloadTooLarge',
      { sheet, row, column: long + 1 },
      `a cell may hold at most ${IMPORT_LIMITS.cellChars} characters (this one has ${values[long].length})`,
    )
  }
  const error = errors.find((e) => e.type === 'Quotes' || e.type === 'FieldMismatch')
  if (error) return ImportProblem.single('invalidPlan', { sheet, row }, error.message)
  return undefined
}
