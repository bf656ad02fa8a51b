import type {
  ImportCell,
  ImportIssue,
  PlanDoc,
  PlanMeta,
  Role,
  RuleViolation,
} from '@tandem/shared'
import { checkCellEdit, checkDemandLock, checkSiteScope, periodKey } from '@tandem/shared'
import { issueAt } from './import-issue.js'
import type { IssueList } from './import-issue.js'
import type { PlanSheet } from './parse-plan-sheet.js'

/**
 * The cells of a plan's demand and supply that the Plan sheet changes. Blank cells and equal
 * values change nothing; capacity rows and item columns are not updated this way. Every
 * changed cell is checked with `checkCellEdit` for `role` and the plan's meta (role, approved
 * plan, frozen periods, range, precision) and the role's site scope (`sites`); unknown SKUs, periods outside the horizon and cells
 * that break a rule are reported to `issues`, naming the cell.
 */
export function importChanges(
  plan: PlanDoc,
  sheet: PlanSheet,
  role: Role,
  issues: IssueList,
  sites?: readonly string[],
): ImportCell[] {
  const meta = plan.readMeta()
  const at = (row: number, column?: number, field?: string) => ({
    sheet: sheet.sheet,
    row,
    column,
    field,
  })
  const index = new Map<string, number>()
  for (let p = 0; p < meta.periodCount; p++) {
    index.set(periodKey(meta.periodKind, meta.firstPeriod, p), p)
  }
  const periods: (number | undefined)[] = sheet.periods.map(({ column, label }) => {
    const p = label.kind === meta.periodKind ? index.get(label.key) : undefined
    if (p === undefined) {
      const first = periodKey(meta.periodKind, meta.firstPeriod, 0)
      const last = periodKey(meta.periodKind, meta.firstPeriod, meta.periodCount - 1)
      issues.add(
        issueAt('outsideHorizon', at(1, column, label.key), { period: label.key, first, last }),
      )
    }
    return p
  })
  const cells: ImportCell[] = []
  const seen = new Map<string, number>()
  for (const row of sheet.rows) {
    if (row.measure === 'capacity') continue
    const skuCell = at(row.row, sheet.columns.sku, 'sku')
    if (!plan.items.has(row.key) || !plan.row(row.measure, row.key)) {
      issues.add(issueAt('unknownSku', skuCell, { key: row.key }))
      continue
    }
    const id = `${row.measure}.${row.key}`
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      const params = { key: row.key, measure: row.measure, firstRow: earlier }
      issues.add(issueAt('duplicateRow', skuCell, params))
      continue
    }
    seen.set(id, row.row)
    const current = plan.readRow(row.measure, row.key)
    row.values.forEach((to, i) => {
      const period = periods[i]
      if (to === undefined || period === undefined || to === current[period]) return
      const label = sheet.periods[i].label.key
      const place = at(row.row, sheet.periods[i].column, label)
      const broken =
        checkCellEdit(meta, role, row.measure, row.key, period, to) ??
        checkDemandLock(plan.doc, meta, role, row.measure, row.key, period) ??
        checkSiteScope(plan, meta, role, sites, row.measure, row.key, period)
      if (broken) {
        const cell = { measure: row.measure, key: row.key, period: label, periodIndex: period }
        const [code, params] = issueOf(broken, meta, role, to)
        issues.add(issueAt(code, place, { ...cell, ...params }))
      } else {
        cells.push({
          measure: row.measure,
          key: row.key,
          period,
          periodKey: label,
          from: current[period],
          to,
        })
      }
    })
  }
  return cells
}

/** A broken cell rule as an import issue: its code and the values its reason names. */
function issueOf(
  broken: RuleViolation,
  meta: PlanMeta,
  role: Role,
  value: number,
): [ImportIssue['code'], ImportIssue['params']] {
  switch (broken.code) {
    case 'forbiddenRole':
      return ['forbiddenRole', { role }]
    case 'planApproved':
    case 'frozenPeriod':
      return [broken.code, {}]
    case 'outOfRange':
      if (value < 0) return ['negativeValue', { value }]
      if (value > meta.maxValue) return ['valueTooLarge', { value, max: meta.maxValue }]
      return ['tooManyDecimals', { value, decimals: meta.decimals }]
    default:
      return ['cellRefused', { rule: broken.code }]
  }
}
