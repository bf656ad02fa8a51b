import Papa from 'papaparse'
import { decodeCsvText } from './decode-csv-text.js'
import { ImportProblem } from './import-issue.js'
import { IMPORT_LIMITS } from './import-limits.js'
import type { SheetCell, SheetRow, SheetTable } from './sheet-table.js'

/**
 * Reads a CSV file (UTF-8 or UTF-16 with a byte-order mark, UTF-8 without one, or GB18030/GBK as
 * Excel saves it in a Chinese locale; comma, semicolon or tab separated) as the sheet `sheet`, one record at a time. Every limit (rows, columns, cell
 * text) and any byte that is not text ends the read with its own error.
 */
export function readCsvSheet(file: Buffer, sheet: string): SheetTable {
  const decoded = decodeCsvText(file)
  if (!decoded) throw ImportProblem.single('unknownEncoding', { sheet })
  const { text } = decoded
  const nul = text.indexOf('\u0000')
  if (nul >= 0) {
    const row = text.slice(0, nul).split('\n').length
    throw ImportProblem.single('binaryData', { sheet, row })
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
    return ImportProblem.single('tooManyRows', { sheet, row }, { max: IMPORT_LIMITS.rows })
  }
  if (values.length > IMPORT_LIMITS.columns) {
    return ImportProblem.single(
      'tooManyColumns',
      { sheet, row, column: values.length },
      { max: IMPORT_LIMITS.columns },
    )
  }
  const long = values.findIndex((value) => value.length > IMPORT_LIMITS.cellChars)
  if (long >= 0) {
    return ImportProblem.single(
      'cellTooLong',
      { sheet, row, column: long + 1 },
      { max: IMPORT_LIMITS.cellChars, length: values[long].length },
    )
  }
  // Without a header row Papa reports no FieldMismatch; quotes are the only broken record.
  if (errors.some((e) => e.type === 'Quotes'))
    return ImportProblem.single('badQuotes', { sheet, row })
  return undefined
}
