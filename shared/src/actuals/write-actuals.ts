import { addActualsRow } from './add-actuals-row.js'
import type { PlanDoc } from '../plan-doc.js'
import type { ActualsKind } from './actuals-kind.js'
import { actualsRow, actualsSpan, readActuals } from './actuals-row.js'

/**
 * Writes actuals for a SKU as the server does for an import: the row is (re)created whole with
 * the current values, `changes` (plan period → value, null to clear) applied to the actuals of
 * `kind`, and empty overlays. A row that had no actual production keeps none unless production
 * is written. Run inside one transaction with the other rows of the same import.
 */
export function writeActualsRow(
  plan: PlanDoc,
  sku: string,
  changes: ReadonlyMap<number, number | null>,
  kind: ActualsKind = 'demand',
): void {
  const { first, length } = actualsSpan(plan)
  const demand = readActuals(plan, sku, 'demand')
  const hasProduction = kind === 'production' || actualsRow(plan, sku, 'production') !== undefined
  const production = hasProduction ? readActuals(plan, sku, 'production') : undefined
  const target = kind === 'demand' ? demand : production!
  for (const [period, value] of changes) target[period - first] = value
  addActualsRow(plan, sku, demand, length, production)
}

/** A planner's edit of one actual, into the row's overlay (the row must exist). */
export function writeActual(
  plan: PlanDoc,
  sku: string,
  period: number,
  value: number,
  kind: ActualsKind = 'demand',
): void {
  const row = actualsRow(plan, sku, kind)
  if (!row) throw new Error(`No ${kind} actuals row for ${sku}`)
  row.edits.set(String(period), value)
}
