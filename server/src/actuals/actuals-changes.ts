import type { ActualsKind, ImportPlace, PlanDoc, Role } from '@tandem/shared'
import { actualsSpan, checkActualValue, isValidId, periodKey, readActuals } from '@tandem/shared'
import { issueAt } from '../excel/import-issue.js'
import type { IssueList } from '../excel/import-issue.js'

/** One actual read from a request or a sheet, before it is checked, with where it came from. */
export interface ActualsEntry {
  sku: unknown
  period: unknown
  value: unknown
  /** Where the field is, for issues. */
  at: (field: 'sku' | 'period' | 'value') => ImportPlace
}

/** The checked changes of an actuals import: per SKU, plan period → new value (null clears). */
export type ActualsChanges = Map<string, Map<number, number | null>>

/**
 * Checks actuals against the plan: a known SKU, a period of the actuals span (three years
 * before period 0 through the horizon), a value that is empty or a number the plan allows, and
 * no cell given twice. Cells equal to the current value change nothing and are not checked
 * further (an exported workbook imports as a no-op for any role). Issues go to `issues`,
 * naming the row and the field. `kind` says which actuals the entries are: demand or production.
 */
export function actualsChanges(
  plan: PlanDoc,
  entries: readonly ActualsEntry[],
  role: Role,
  issues: IssueList,
  kind: ActualsKind = 'demand',
): ActualsChanges {
  const meta = plan.readMeta()
  const { first, length } = actualsSpan(plan)
  const periods = new Map<string, number>()
  for (let p = first; p < first + length; p++)
    periods.set(periodKey(meta.periodKind, meta.firstPeriod, p), p)
  const firstKey = periodKey(meta.periodKind, meta.firstPeriod, first)
  const lastKey = periodKey(meta.periodKind, meta.firstPeriod, first + length - 1)
  const changes: ActualsChanges = new Map()
  const current = new Map<string, (number | null)[]>()
  const seen = new Map<string, number>()
  for (const entry of entries) {
    const { sku, period, value, at } = entry
    if (typeof sku !== 'string' || sku.trim() === '') {
      issues.add(issueAt('emptyKey', at('sku'), { measure: 'actuals' }))
      continue
    }
    if (!isValidId(sku)) {
      issues.add(issueAt('invalidKey', at('sku'), { measure: 'actuals', value: sku }))
      continue
    }
    if (!plan.items.has(sku)) {
      issues.add(issueAt('unknownSku', at('sku'), { key: sku }))
      continue
    }
    const index = typeof period === 'string' ? periods.get(period.trim().toUpperCase()) : undefined
    if (index === undefined) {
      const params = { period: String(period ?? ''), first: firstKey, last: lastKey }
      issues.add(issueAt('outsideActuals', at('period'), params))
      continue
    }
    const cellId = `${sku}\u0000${index}`
    const place = at('value')
    const earlier = seen.get(cellId)
    if (earlier !== undefined) {
      const params = { key: sku, measure: 'actuals', firstRow: earlier }
      issues.add(issueAt('duplicateRow', at('period'), params))
      continue
    }
    seen.set(cellId, place.row ?? 0)
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
      issues.add(issueAt('notANumber', place, { header: 'value', value: String(value) }))
      continue
    }
    let row = current.get(sku)
    if (!row) current.set(sku, (row = readActuals(plan, sku, kind)))
    if (row[index - first] === value) continue
    const label = periodKey(meta.periodKind, meta.firstPeriod, index)
    const broken = checkActualValue(meta, role, sku, index, value ?? undefined)
    if (broken) {
      const measure = kind === 'demand' ? 'actuals' : 'actualProduction'
      const cell = { measure, key: sku, period: label, periodIndex: index }
      const v = Number(value)
      const [code, params] =
        broken.code === 'forbiddenRole'
          ? (['forbiddenRole', { role }] as const)
          : broken.code === 'planApproved'
            ? (['planApproved', {}] as const)
            : v < 0
              ? (['negativeValue', { value: v }] as const)
              : v > meta.maxValue
                ? (['valueTooLarge', { value: v, max: meta.maxValue }] as const)
                : (['tooManyDecimals', { value: v, decimals: meta.decimals }] as const)
      issues.add(issueAt(code, place, { ...cell, ...params }))
      continue
    }
    let changed = changes.get(sku)
    if (!changed) changes.set(sku, (changed = new Map()))
    changed.set(index, value)
  }
  return changes
}

/** How many cells a set of changes writes. */
export function changedCellCount(changes: ActualsChanges): number {
  let count = 0
  for (const cells of changes.values()) count += cells.size
  return count
}
