import type { ActualsKind, PlanDoc } from '@tandem/shared'
import { actualsRow, actualsSpan, isValidId, periodKey, readActuals } from '@tandem/shared'
import type { ActualsEntry } from '../actuals/actuals-changes.js'
import { issueAt } from './import-issue.js'
import type { IssueList } from './import-issue.js'
import { parsePeriodLabel } from './period-label.js'
import { sheetNumber } from './sheet-number.js'
import type { SheetOut } from './sheet-out.js'
import type { SheetCell, SheetTable } from './sheet-table.js'

/**
 * The name the History sheet is written under: Excel reserves "History" itself (it refuses a
 * sheet of that name), so the sheet is called Demand history; on import any of these names
 * (case-insensitive) is read.
 */
export const HISTORY_SHEET_NAME = 'Demand history'
export const HISTORY_SHEET = ['demand history', 'history', 'actuals', '历史需求', '实际需求']
/** The sheet of actual production, read and written like the History sheet. */
export const PRODUCTION_SHEET_NAME = 'Production history'
export const PRODUCTION_SHEET = ['production history', 'actual production', '实际产量', '生产历史']
const SKU_HEADERS = ['sku', '物料']

/**
 * The History sheet of an export: one row per SKU with actuals, a column per period that has an
 * actual anywhere (empty cell = no actual), oldest first. With `kind` production, the same for
 * actual production (the Production history sheet).
 */
export function historySheet(plan: PlanDoc, kind: ActualsKind = 'demand'): SheetOut {
  const meta = plan.readMeta()
  const { first, length } = actualsSpan(plan)
  const skus = plan.listSkus().filter((sku) => actualsRow(plan, sku, kind))
  const rows = new Map(skus.map((sku) => [sku, readActuals(plan, sku, kind)]))
  const used: number[] = []
  for (let i = 0; i < length; i++)
    if ([...rows.values()].some((values) => values[i] !== null)) used.push(i)
  const header: SheetCell[] = [
    'SKU',
    ...used.map((i) => periodKey(meta.periodKind, meta.firstPeriod, first + i)),
  ]
  return {
    name: kind === 'demand' ? HISTORY_SHEET_NAME : PRODUCTION_SHEET_NAME,
    rows: [header, ...skus.map((sku) => [sku, ...used.map((i) => rows.get(sku)?.[i] ?? null)])],
    widths: [14],
  }
}

/**
 * Reads a History sheet into actuals: a header with SKU and period columns (2026-W49, 2026-12),
 * then a SKU per row. Empty cells change nothing; text is not a number. Header problems go to
 * `issues`, naming the cell; the values are checked by `actualsChanges`.
 */
export function parseHistorySheet(
  sheet: SheetTable,
  issues: IssueList,
  kind: ActualsKind = 'demand',
): ActualsEntry[] {
  const measure = kind === 'demand' ? 'actuals' : 'actualProduction'
  const [head, ...body] = sheet.rows
  if (!head) return []
  const place = (row: number, column?: number) => ({ sheet: sheet.name, row, column })
  let skuColumn = -1
  const periods: { column: number; key: string }[] = []
  head.cells.forEach((cell, i) => {
    const text = typeof cell === 'string' ? cell.trim() : cell === null ? '' : String(cell)
    if (text === '') return
    if (SKU_HEADERS.includes(text.toLowerCase()) && skuColumn < 0) {
      skuColumn = i
      return
    }
    const label = parsePeriodLabel(text)
    if (label) periods.push({ column: i, key: label.key })
    else issues.add(issueAt('unknownColumn', place(head.row, i + 1), { header: text }))
  })
  if (skuColumn < 0) {
    issues.add(issueAt('missingColumn', place(head.row), { header: 'SKU' }))
    return []
  }
  const entries: ActualsEntry[] = []
  for (const { row, cells } of body) {
    const sku = cells[skuColumn]
    const skuText = typeof sku === 'string' ? sku.trim() : sku === null ? '' : String(sku)
    if (skuText === '' && cells.every((c) => c === null || c === '')) continue
    if (skuText !== '' && !isValidId(skuText)) {
      issues.add(issueAt('invalidKey', place(row, skuColumn + 1), { measure, value: skuText }))
      continue
    }
    for (const { column, key } of periods) {
      const cell = cells[column] ?? null
      const value = sheetNumber(cell)
      if (value === undefined) continue
      entries.push({
        sku: skuText,
        period: key,
        value: Number.isNaN(value) ? String(cell) : value,
        at: (field) => place(row, field === 'sku' ? skuColumn + 1 : column + 1),
      })
    }
  }
  return entries
}
