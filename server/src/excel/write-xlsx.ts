import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { escapeFormulaText } from './formula-text.js'
import type { SheetOut } from './sheet-out.js'

/**
 * Writes sheets to an XLSX file, streaming row by row. Every text cell that a spreadsheet
 * could take for a formula is escaped; numbers stay numbers; no cell is ever a formula.
 */
export async function writeXlsx(sheets: SheetOut[]): Promise<Buffer> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: true,
    useStyles: sheets.some((sheet) => sheet.formats),
  })
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', ySplit: 1 }],
    })
    if (sheet.widths) worksheet.columns = sheet.widths.map((width) => ({ width }))
    sheet.rows.forEach((cells, index) => {
      const row = worksheet.addRow(cells.map(xlsxValue))
      if (sheet.formats && index > 0)
        sheet.formats.forEach((format, column) => {
          if (format && typeof cells[column] === 'number') row.getCell(column + 1).numFmt = format
        })
      row.commit()
    })
    worksheet.commit()
  }
  await workbook.commit()
  await ended
  return Buffer.concat(chunks)
}

/** Text escaped, finite numbers as they are; anything else (an object exceljs would write as a formula) is left empty. */
function xlsxValue(cell: unknown): string | number | null {
  if (typeof cell === 'string') return escapeFormulaText(cell)
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null
}
