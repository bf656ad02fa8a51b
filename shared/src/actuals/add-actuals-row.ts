import * as Y from 'yjs'
import type { PlanDoc } from '../plan-doc.js'

/** Creates one SKU's actuals row whole: `length` entries (missing ones null), an empty overlay. */
export function addActualsRow(
  plan: PlanDoc,
  sku: string,
  values: readonly (number | null)[],
  length: number,
): void {
  const base = new Y.Array<number | null>()
  const filled = new Array<number | null>(length)
  for (let i = 0; i < length; i++) filled[i] = values[i] ?? null
  base.insert(0, filled)
  const row = new Y.Map<unknown>()
  row.set('base', base)
  row.set('edits', new Y.Map<number>())
  plan.actuals.set(sku, row)
}
