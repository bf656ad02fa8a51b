import type { PlanDoc, Site, Transfer } from '@tandem/shared'
import { periodKey } from '@tandem/shared'
import { unescapeFormulaText } from './formula-text.js'
import { issueAt } from './import-issue.js'
import type { IssueList } from './import-issue.js'
import { parsePeriodLabel } from './period-label.js'
import { sheetNumber } from './sheet-number.js'
import type { SheetOut } from './sheet-out.js'
import type { SheetCell, SheetTable } from './sheet-table.js'

/** The names the Sites and Transfers sheets are read under (case-insensitive). */
export const SITES_SHEET = ['sites', '站点', '工厂']
export const TRANSFERS_SHEET = ['transfers', '调拨']

/** The Sites sheet: one row per site, `Site | Name | Country`. */
export function sitesSheet(plan: PlanDoc): SheetOut {
  const rows: SheetCell[][] = [['Site', 'Name', 'Country']]
  for (const site of plan.readMeta().sites) rows.push([site.id, site.name, site.country])
  return { name: 'Sites', rows, widths: [10, 24, 16] }
}

/**
 * The Transfers sheet: one row per transfer, `Transfer | From SKU | To SKU | Period | Lead time
 * | Quantity`, the period it ships in as a period label (2026-W49, 2026-12).
 */
export function transfersSheet(plan: PlanDoc): SheetOut {
  const meta = plan.readMeta()
  const rows: SheetCell[][] = [
    ['Transfer', 'From SKU', 'To SKU', 'Period', 'Lead time', 'Quantity'],
  ]
  for (const [id, t] of plan.listTransfers()) {
    const period = periodKey(meta.periodKind, meta.firstPeriod, t.period)
    rows.push([id, t.fromSku, t.toSku, period, t.leadTime, t.quantity])
  }
  return { name: 'Transfers', rows, widths: [10, 14, 14, 10, 10, 10] }
}

/**
 * Reads a Sites sheet (a header row, then `site | name | country`); a problem names its cell.
 * The list itself (ids, duplicates) is checked with the plan.
 */
export function parseSitesSheet(sheet: SheetTable, issues: IssueList): Site[] {
  const sites: Site[] = []
  for (const { row, cells } of sheet.rows.slice(1)) {
    const [id, name, country] = [0, 1, 2].map((i) => text(cells[i]))
    if (id === '' && name === '' && country === '') continue
    if (id === '' || name === '' || country === '') {
      const column = id === '' ? 1 : name === '' ? 2 : 3
      const detail = `a site needs an id, a name and a country (sheet ${sheet.name}, row ${row})`
      issues.add(issueAt('planCheckFailed', { sheet: sheet.name, row, column }, { detail }))
      continue
    }
    sites.push({ id, name, country })
  }
  return sites
}

/**
 * Reads a Transfers sheet (a header row, then `transfer | from SKU | to SKU | period label |
 * lead time | quantity`) against the plan's periods; each problem names its cell. The
 * transfers themselves are checked with the plan (`checkTransfer`).
 */
export function parseTransfersSheet(
  sheet: SheetTable,
  periodKeys: readonly string[],
  issues: IssueList,
): Record<string, Transfer> {
  const transfers: Record<string, Transfer> = {}
  for (const { row, cells } of sheet.rows.slice(1)) {
    if (cells.every((cell) => text(cell) === '')) continue
    const problem = (column: number, detail: string) =>
      issues.add(
        issueAt(
          'planCheckFailed',
          { sheet: sheet.name, row, column },
          {
            detail: `${detail} (sheet ${sheet.name}, row ${row})`,
          },
        ),
      )
    const [id, fromSku, toSku, label] = [0, 1, 2, 3].map((i) => text(cells[i]))
    if (id === '') {
      problem(1, 'a transfer needs an id')
      continue
    }
    if (Object.hasOwn(transfers, id)) {
      problem(1, `transfer ${id} is listed twice`)
      continue
    }
    const key = parsePeriodLabel(label)?.key
    const period = key === undefined ? -1 : periodKeys.indexOf(key)
    if (period < 0) {
      problem(4, `transfer ${id}: "${label}" is not a period of the plan`)
      continue
    }
    const leadTime = sheetNumber(cells[4] ?? null)
    const quantity = sheetNumber(cells[5] ?? null)
    if (leadTime === undefined || !Number.isInteger(leadTime)) {
      problem(5, `transfer ${id}: the lead time must be a whole number of periods`)
      continue
    }
    if (quantity === undefined || Number.isNaN(quantity)) {
      problem(6, `transfer ${id}: the quantity must be a number`)
      continue
    }
    transfers[id] = { fromSku, toSku, period, leadTime, quantity }
  }
  return transfers
}

function text(cell: SheetCell | undefined): string {
  return cell === null || cell === undefined ? '' : unescapeFormulaText(String(cell)).trim()
}
