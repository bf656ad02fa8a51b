import { addActualsRow } from './add-actuals-row.js'
import type { PlanDoc } from '../plan-doc.js'
import { actualsRow, actualsSpan, readActuals } from './actuals-row.js'

/**
 * Writes actuals for a SKU as the server does for an import: the row is (re)created whole with
 * the current values, `changes` (plan period → value, null to clear) applied, and an empty
 * overlay. Run inside one transaction with the other rows of the same import.
 */
export function writeActualsRow(
  plan: PlanDoc,
  sku: string,
  changes: ReadonlyMap<number, number | null>,
): void {
  const { first, length } = actualsSpan(plan)
  const values = readActuals(plan, sku)
  for (const [period, value] of changes) values[period - first] = value
  addActualsRow(plan, sku, values, length)
}

/** A planner's edit of one actual, into the row's overlay (the row must exist). */
export function writeActual(plan: PlanDoc, sku: string, period: number, value: number): void {
  const row = actualsRow(plan, sku)
  if (!row) throw new Error(`No actuals row for ${sku}`)
  row.edits.set(String(period), value)
}
