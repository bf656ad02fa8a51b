import type { Measure } from '@tandem/shared'
import { isValidId } from '@tandem/shared'
import { ImportProblem, issueAt } from './import-issue.js'
import type { IssueList } from './import-issue.js'
import { unescapeFormulaText } from './formula-text.js'
import type { PeriodLabel } from './period-label.js'
import { parsePeriodLabel } from './period-label.js'
import type { PlanColumn } from './plan-columns.js'
import { measureOf, PLAN_COLUMN_HEADERS, planColumnOf, TEXT_COLUMN_LIMITS } from './plan-columns.js'
import { decimalPlaces, sheetNumber } from './sheet-number.js'
import type { SheetCell, SheetTable } from './sheet-table.js'

type TextColumn = keyof typeof TEXT_COLUMN_LIMITS
type StockColumn = 'openingStock' | 'safetyStock' | 'maxStock'
const TEXT_COLUMNS = ['family', 'name', 'site', 'unit', 'resource'] as const
const STOCK_COLUMNS: readonly StockColumn[] = ['openingStock', 'safetyStock', 'maxStock']

/** A period column of the Plan sheet. */
export interface PeriodColumn {
  column: number
  label: PeriodLabel
}

/** One data row of the Plan sheet: a measure row of a SKU, or a resource's capacity row. */
export interface PlanSheetRow {
  row: number
  measure: Measure
  /** The SKU id, or the resource id of a capacity row. */
  key: string
  /** Item (or resource) text fields; absent when blank. */
  text: Partial<Record<Exclude<TextColumn, 'sku'>, string>>
  stock: Partial<Record<StockColumn, number>>
  /** One value per period column, in column order; undefined when blank. */
  values: (number | undefined)[]
}

/** The Plan sheet, read: where its columns are, its periods and its rows. */
export interface PlanSheet {
  sheet: string
  columns: Partial<Record<PlanColumn, number>>
  periods: PeriodColumn[]
  rows: PlanSheetRow[]
  /** The most decimal places any period value is written with. */
  decimals: number
}

/**
 * Reads the Plan sheet's header (first row) and rows. A header it cannot read throws; a row
 * with a problem is reported to `issues`, naming its cell, and left out.
 */
export function parsePlanSheet(table: SheetTable, issues: IssueList): PlanSheet {
  const sheet = table.name
  const [header, ...body] = table.rows
  if (!header) throw ImportProblem.single('emptySheet', { sheet, row: 1 })
  const { columns, periods } = readHeader(sheet, header.row, header.cells)
  const known = new Set<number>([...Object.values(columns), ...periods.map((p) => p.column)])
  const rows: PlanSheetRow[] = []
  let decimals = 0
  for (const { row, cells } of body) {
    const at = (column: number, field?: string) => ({ sheet, row, column, field })
    const stray = cells.findIndex((cell, i) => cell !== null && !known.has(i + 1))
    if (stray >= 0) {
      issues.add(issueAt('unheadedValue', at(stray + 1)))
      continue
    }
    const cell = (column: PlanColumn): SheetCell => {
      const index = columns[column]
      return index === undefined ? null : (cells[index - 1] ?? null)
    }
    const measureCell = cell('measure')
    const measure = measureCell === null ? undefined : measureOf(String(measureCell))
    if (!measure) {
      const place = at(columns.measure ?? 0, 'measure')
      issues.add(
        measureCell === null
          ? issueAt('emptyMeasure', place)
          : issueAt('unknownMeasure', place, { value: String(measureCell) }),
      )
      continue
    }
    const keyCell = cell('sku')
    const key = keyCell === null ? '' : String(keyCell).trim()
    if (!key) {
      issues.add(issueAt('emptyKey', at(columns.sku ?? 0, 'sku'), { measure }))
      continue
    }
    if (!isValidId(key)) {
      issues.add(issueAt('invalidKey', at(columns.sku ?? 0, 'sku'), { measure, value: key }))
      continue
    }
    let ok = true
    const text: PlanSheetRow['text'] = {}
    for (const column of TEXT_COLUMNS) {
      const value = cell(column)
      if (value === null) continue
      const clean = unescapeFormulaText(String(value)).trim()
      if (clean.length > TEXT_COLUMN_LIMITS[column]) {
        const params = { header: PLAN_COLUMN_HEADERS[column][0], max: TEXT_COLUMN_LIMITS[column] }
        issues.add(issueAt('textTooLong', at(columns[column] ?? 0, column), params))
        ok = false
      } else if (clean) text[column] = clean
    }
    const stock: PlanSheetRow['stock'] = {}
    for (const column of STOCK_COLUMNS) {
      const value = sheetNumber(cell(column))
      if (Number.isNaN(value)) {
        const params = { header: PLAN_COLUMN_HEADERS[column][0], value: String(cell(column)) }
        issues.add(issueAt('notANumber', at(columns[column] ?? 0, column), params))
        ok = false
      } else if (value !== undefined) stock[column] = value
    }
    const values = new Array<number | undefined>(periods.length)
    for (let p = 0; p < periods.length; p++) {
      const raw = cells[periods[p].column - 1] ?? null
      const value = sheetNumber(raw)
      if (Number.isNaN(value)) {
        const { column, label } = periods[p]
        const params = { header: label.key, value: String(raw) }
        issues.add(issueAt('notANumber', at(column, label.key), params))
        ok = false
        continue
      }
      values[p] = value
      if (value !== undefined && !Number.isInteger(value))
        decimals = Math.max(decimals, decimalPlaces(value))
    }
    if (ok) rows.push({ row, measure, key, text, stock, values })
  }
  return { sheet, columns, periods, rows, decimals }
}

function readHeader(
  sheet: string,
  row: number,
  cells: SheetCell[],
): { columns: Partial<Record<PlanColumn, number>>; periods: PeriodColumn[] } {
  const columns: Partial<Record<PlanColumn, number>> = {}
  const periods: PeriodColumn[] = []
  const seen = new Map<string, number>()
  cells.forEach((cell, i) => {
    if (cell === null) return
    const place = { sheet, row, column: i + 1 }
    const text = String(cell).trim()
    const column = planColumnOf(text)
    const label = column ? undefined : parsePeriodLabel(text)
    const name = column ?? label?.key
    if (!name) {
      throw ImportProblem.single('unknownColumn', place, { header: text })
    }
    if (seen.has(name)) {
      throw ImportProblem.single('duplicateColumn', place, { header: text })
    }
    seen.set(name, i + 1)
    if (column) columns[column] = i + 1
    else if (label) {
      if (periods.length > 0 && periods[0].label.kind !== label.kind) {
        throw ImportProblem.single('mixedPeriods', place, { period: text })
      }
      periods.push({ column: i + 1, label })
    }
  })
  for (const required of ['sku', 'measure'] as const) {
    if (columns[required] === undefined) {
      throw ImportProblem.single(
        'missingColumn',
        { sheet, row, field: required },
        { header: PLAN_COLUMN_HEADERS[required][0] },
      )
    }
  }
  if (periods.length === 0) {
    throw ImportProblem.single('noPeriods', { sheet, row })
  }
  return { columns, periods }
}
