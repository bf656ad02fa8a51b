import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { ImportIssue, ImportPlace } from '@tandem/shared'
import { checkedXlsx } from './checked-xlsx.js'
import type { ImportDeadline } from './import-deadline.js'
import { ImportProblem, issueAt } from './import-issue.js'
import { IMPORT_LIMITS } from './import-limits.js'
import type { SheetCell, SheetRow, SheetTable } from './sheet-table.js'

/**
 * Reads the values of an XLSX file's sheets as a stream, one row at a time, keeping the sheets
 * `wanted` picks (by name and position). Values only: a formula cell is never evaluated; it is
 * read as blank and listed in its table's `refused`, so every such cell is named at once with
 * the file's other problems. Every limit (unpacked size, shared strings, rows, columns, cell text, time) ends
 * the read with its own error; the archive is checked part by part before exceljs reads it.
 */
export async function readXlsxSheets(
  file: Buffer,
  wanted: (name: string, position: number) => boolean,
  deadline: ImportDeadline,
): Promise<SheetTable[]> {
  const checked = await checkedXlsx(file, deadline)
  const source = chunked(checked)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  const read = async () => {
    const tables: SheetTable[] = []
    let position = 0
    for await (const worksheet of reader) {
      deadline.check()
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${position + 1}`
      if (!wanted(name, position++)) continue
      const rows: SheetRow[] = []
      const refused: ImportIssue[] = []
      for await (const row of worksheet) {
        deadline.check()
        const cells = readRow(name, row, refused)
        if (cells) rows.push({ row: row.number, cells })
      }
      tables.push({ name, rows, refused })
    }
    return tables
  }
  try {
    return await deadline.race(read(), () => source.destroy())
  } catch (error) {
    if (error instanceof ImportProblem) throw error
    throw ImportProblem.single('notXlsx', {}, { detail: (error as Error).message })
  } finally {
    source.destroy()
  }
}

/** The file as a stream of 64 KiB chunks, so a timed-out read can be cut off between them. */
function chunked(file: Buffer): Readable {
  let at = 0
  return new Readable({
    read() {
      this.push(at < file.length ? file.subarray(at, (at += 64 * 1024)) : null)
    },
  })
}

function readRow(sheet: string, row: ExcelJS.Row, refused: ImportIssue[]): SheetCell[] | undefined {
  if (row.number > IMPORT_LIMITS.rows) {
    throw ImportProblem.single(
      'tooManyRows',
      { sheet, row: row.number },
      { max: IMPORT_LIMITS.rows },
    )
  }
  const values = row.values as ExcelJS.CellValue[]
  if (values.length - 1 > IMPORT_LIMITS.columns) {
    throw ImportProblem.single(
      'tooManyColumns',
      { sheet, row: row.number, column: values.length - 1 },
      { max: IMPORT_LIMITS.columns },
    )
  }
  const cells: SheetCell[] = new Array<SheetCell>(Math.max(0, values.length - 1)).fill(null)
  let empty = true
  for (let column = 1; column < values.length; column++) {
    const value = toSheetCell(values[column], { sheet, row: row.number, column }, refused)
    cells[column - 1] = value
    if (value !== null) empty = false
  }
  return empty ? undefined : cells
}

function toSheetCell(
  value: ExcelJS.CellValue | undefined,
  place: ImportPlace,
  refused: ImportIssue[],
): SheetCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return value
  if (typeof value === 'string') return checkedText(value, place)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '')
  if ('formula' in value || 'sharedFormula' in value) {
    refused.push(issueAt('formula', place))
    return null
  }
  if ('richText' in value) return checkedText(value.richText.map((r) => r.text).join(''), place)
  if ('error' in value) return checkedText(String(value.error), place)
  if ('text' in value) {
    const text = value.text as unknown
    return checkedText(typeof text === 'string' ? text : String(text ?? ''), place)
  }
  refused.push(issueAt('unsupportedValue', place))
  return null
}

function checkedText(text: string, place: ImportPlace): string | null {
  if (text.length > IMPORT_LIMITS.cellChars) {
    throw ImportProblem.single('cellTooLong', place, {
      max: IMPORT_LIMITS.cellChars,
      length: text.length,
    })
  }
  return text === '' ? null : text
}
