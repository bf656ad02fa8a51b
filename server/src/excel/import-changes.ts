import type { Measure, PlanDoc, Role } from '@tandem/shared'
import { checkCellEdit, periodKey } from '@tandem/shared'
import { issueAt } from './import-issue.js'
import type { IssueList } from './import-issue.js'
import type { PlanSheet } from './parse-plan-sheet.js'

/** A cell an import changes, with its value before and after. */
export interface ImportCell {
  measure: Measure
  key: string
  /** The period's index in the plan. */
  period: number
  /** The period as the file names it: 2026-W49 or 2026-12. */
  periodKey: string
  from: number
  to: number
}

/**
 * The cells of a plan's demand and supply that the Plan sheet changes. Blank cells and equal
 * values change nothing; capacity rows and item columns are not updated this way. Every
 * changed cell is checked with `checkCellEdit` for `role` and the plan's meta (role, approved
 * plan, frozen periods, range, precision); unknown SKUs, periods outside the horizon and cells
 * that break a rule are reported to `issues`, naming the cell.
 */
export function importChanges(
  plan: PlanDoc,
  sheet: PlanSheet,
  role: Role,
  issues: IssueList,
): ImportCell[] {
  const meta = plan.readMeta()
  const at = (row: number, column?: number) => ({ sheet: sheet.sheet, row, column })
  const index = new Map<string, number>()
  for (let p = 0; p < meta.periodCount; p++) {
    index.set(periodKey(meta.periodKind, meta.firstPeriod, p), p)
  }
  const periods: (number | undefined)[] = sheet.periods.map(({ column, label }) => {
    const p = label.kind === meta.periodKind ? index.get(label.key) : undefined
    if (p === undefined) {
      const horizon = `${periodKey(meta.periodKind, meta.firstPeriod, 0)} to ${periodKey(meta.periodKind, meta.firstPeriod, meta.periodCount - 1)}`
      issues.add(
        issueAt(
          'invalidPlan',
          at(1, column),
          `${label.key} is outside the plan's horizon (${horizon})`,
        ),
      )
    }
    return p
  })
  const cells: ImportCell[] = []
  const seen = new Map<string, number>()
  for (const row of sheet.rows) {
    if (row.measure === 'capacity') continue
    const skuCell = at(row.row, sheet.columns.sku)
    if (!plan.items.has(row.key) || !plan.row(row.measure, row.key)) {
      issues.add(issueAt('invalidPlan', skuCell, `the plan has no SKU ${row.key}`))
      continue
    }
    const id = `${row.measure}.${row.key}`
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      const reason = `${row.key} has a second ${row.measure} row (first on row ${earlier})`
      issues.add(issueAt('invalidPlan', skuCell, reason))
      continue
    }
    seen.set(id, row.row)
    const current = plan.readRow(row.measure, row.key)
    row.values.forEach((to, i) => {
      const period = periods[i]
      if (to === undefined || period === undefined || to === current[period]) return
      const place = at(row.row, sheet.periods[i].column)
      const broken = checkCellEdit(meta, role, row.measure, row.key, period, to)
      if (broken) issues.add(issueAt(broken.code, place, broken.reason))
      else {
        const label = sheet.periods[i].label.key
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
