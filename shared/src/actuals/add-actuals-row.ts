import * as Y from 'yjs'
import type { PlanDoc } from '../plan-doc.js'

/**
 * Creates one SKU's actuals row whole: `length` entries of actual demand (missing ones null)
 * and, when given, of actual production, each with an empty overlay.
 */
export function addActualsRow(
  plan: PlanDoc,
  sku: string,
  values: readonly (number | null)[],
  length: number,
  production?: readonly (number | null)[],
): void {
  const row = new Y.Map<unknown>()
  row.set('base', filledArray(values, length))
  row.set('edits', new Y.Map<number>())
  if (production) {
    row.set('productionBase', filledArray(production, length))
    row.set('productionEdits', new Y.Map<number>())
  }
  plan.actuals.set(sku, row)
}

function filledArray(values: readonly (number | null)[], length: number): Y.Array<number | null> {
  const base = new Y.Array<number | null>()
  const filled = new Array<number | null>(length)
  for (let i = 0; i < length; i++) filled[i] = values[i] ?? null
  base.insert(0, filled)
  return base
}
