import type { ColumnMapping, Measure } from '@tandem/shared'
import { isValidId } from '@tandem/shared'
import { ImportProblem, issueAt } from './import-issue.js'
import type { IssueList } from './import-issue.js'
import { unescapeFormulaText } from './formula-text.js'
import type { PeriodLabel } from './period-label.js'
import { parsePeriodLabel } from './period-label.js'
import type { PlanColumn } from './plan-columns.js'
import { measureOf, PLAN_COLUMN_HEADERS, planColumnOf, TEXT_COLUMN_LIMITS } from './plan-columns.js'
import { decimalPlaces, sheetNumber } from './sheet-number.js'
import type { SheetCell, SheetRow, SheetTable } from './sheet-table.js'

type TextColumn = keyof typeof TEXT_COLUMN_LIMITS
type StockColumn =
  | 'openingStock'
  | 'safetyStock'
  | 'maxStock'
  | 'price'
  | 'unitCost'
  | 'leadTime'
  | 'minBatch'
  | 'lotSize'
const TEXT_COLUMNS = ['family', 'name', 'site', 'unit', 'resource'] as const
/** The item's number columns: stock levels and money. */
const STOCK_COLUMNS: readonly StockColumn[] = [
  'openingStock',
  'safetyStock',
  'maxStock',
  'price',
  'unitCost',
  'leadTime',
  'minBatch',
  'lotSize',
]

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
  /** The 1-based row the headers are in. */
  headerRow: number
  columns: Partial<Record<PlanColumn, number>>
  periods: PeriodColumn[]
  rows: PlanSheetRow[]
  /** The most decimal places any period value is written with. */
  decimals: number
}

/**
 * Reads the Plan sheet's header and rows. `mapping` (the column-mapping step) says which row
 * holds the headers and what a column holds when its header does not say. Every header problem
 * is listed at once; when the SKU, Measure or period columns cannot be found the rows are not
 * read and the header goes with the answer, for the mapping step. A row with a problem is
 * reported to `issues`, naming its cell; a row whose measure, key or item fields cannot be read is
 * left out, one with bad period values stays so that its other values are checked too.
 */
export function parsePlanSheet(
  table: SheetTable,
  issues: IssueList,
  mapping: ColumnMapping = {},
): PlanSheet {
  const sheet = table.name
  const headerRow = mapping.headerRow ?? table.rows[0]?.row ?? 1
  const header = table.rows.find((r) => r.row === headerRow)
  const body = table.rows.filter((r) => r.row > headerRow)
  if (!header) throw ImportProblem.single('emptySheet', { sheet, row: headerRow })
  const { columns, periods, skipped } = readHeader(sheet, header, issues, mapping)
  const known = new Set<number>([
    ...Object.values(columns),
    ...periods.map((p) => p.column),
    ...skipped,
  ])
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
    const measureCell = mapping.measure ? mapping.measure : cell('measure')
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
        // The row stays, so its other values are checked too; the file is refused anyway.
        issues.add(issueAt('notANumber', at(column, label.key), params))
        continue
      }
      values[p] = value
      if (value !== undefined && !Number.isInteger(value))
        decimals = Math.max(decimals, decimalPlaces(value))
    }
    if (ok) rows.push({ row, measure, key, text, stock, values })
  }
  return { sheet, headerRow, columns, periods, rows, decimals }
}

function readHeader(
  sheet: string,
  header: SheetRow,
  issues: IssueList,
  mapping: ColumnMapping,
): {
  columns: Partial<Record<PlanColumn, number>>
  periods: PeriodColumn[]
  /** Columns the mapping ignores, or whose header was not understood (already reported). */
  skipped: number[]
} {
  const { row, cells } = header
  const columns: Partial<Record<PlanColumn, number>> = {}
  const skipped: number[] = []
  const seen = new Map<string, number>()
  const labels: { column: number; text: string; label: PeriodLabel }[] = []
  const understood: (string | null)[] = cells.map(() => null)
  const before = issues.count
  cells.forEach((cell, i) => {
    const mapped = mapping.columns?.[String(i + 1)]
    if (mapped === 'ignore' || (cell === null && mapped === undefined)) {
      if (mapped === 'ignore') skipped.push(i + 1)
      return
    }
    const place = { sheet, row, column: i + 1 }
    const text = cell === null ? '' : String(cell).trim()
    const column = mapped && mapped !== 'period' ? mapped : mapped ? undefined : planColumnOf(text)
    const label = column ? undefined : parsePeriodLabel(text)
    if (!column && !label) {
      skipped.push(i + 1)
      issues.add(
        issueAt(mapped === 'period' ? 'notAPeriod' : 'unknownColumn', place, { header: text }),
      )
      return
    }
    const name = column ?? label!.key
    if (seen.has(name)) {
      skipped.push(i + 1)
      issues.add(issueAt('duplicateColumn', place, { header: text }))
      return
    }
    seen.set(name, i + 1)
    understood[i] = name
    if (column) columns[column] = i + 1
    else labels.push({ column: i + 1, text, label: label! })
  })
  const periods = periodColumns(labels, sheet, row, issues)
  const required = mapping.measure ? (['sku'] as const) : (['sku', 'measure'] as const)
  for (const field of required) {
    if (columns[field] === undefined) {
      const params = { header: PLAN_COLUMN_HEADERS[field][0] }
      issues.add(issueAt('missingColumn', { sheet, row, field }, params))
    }
  }
  if (labels.length === 0) issues.add(issueAt('noPeriods', { sheet, row }))
  if (issues.count > before) {
    issues.header = {
      sheet,
      row,
      cells: cells.map((cell) => (cell === null ? '' : String(cell))),
      understood,
    }
  }
  const unreadable = labels.length === 0 || required.some((field) => columns[field] === undefined)
  if (unreadable) issues.throwIfAny()
  return { columns, periods, skipped }
}

/**
 * The period columns, all of one kind. Dates on the first of a month read as months, unless the
 * other headers are weeks: then they are the weeks those days fall in.
 */
function periodColumns(
  labels: { column: number; text: string; label: PeriodLabel }[],
  sheet: string,
  row: number,
  issues: IssueList,
): PeriodColumn[] {
  const weekly = labels.some(({ label }) => label.kind === 'week')
  const read = labels.map(({ column, text, label }) => ({
    column,
    text,
    label: weekly && label.kind === 'month' && label.asWeek ? label.asWeek : label,
  }))
  const kind = read[0]?.label.kind
  const periods: PeriodColumn[] = []
  for (const { column, text, label } of read) {
    if (label.kind !== kind) {
      issues.add(issueAt('mixedPeriods', { sheet, row, column }, { period: text }))
    } else periods.push({ column, label: { kind: label.kind, start: label.start, key: label.key } })
  }
  return periods
}
