import * as Y from 'yjs'
import type { PlanInput } from './plan-input.js'
import { PlanDoc } from './plan-doc.js'
import type { Measure } from './roots.js'

/**
 * Writes a whole plan into an empty document in one transaction: meta, items, and one row
 * (base array plus empty overlay) per measure and key. Rows are created here once, never lazily.
 */
export function createPlanDoc(input: PlanInput, doc: Y.Doc = new Y.Doc()): PlanDoc {
  const plan = new PlanDoc(doc)
  const count = input.meta.periodCount
  doc.transact(() => {
    for (const [key, value] of Object.entries(input.meta)) plan.meta.set(key, value)
    for (const item of input.items) {
      const map = new Y.Map<unknown>()
      const { sku, ...fields } = item
      for (const [field, value] of Object.entries(fields)) map.set(field, value)
      plan.items.set(sku, map)
      addRow(plan, 'demand', sku, input.demand[sku], count)
      addRow(plan, 'supply', sku, input.supply[sku], count)
    }
    for (const resource of input.meta.resources) {
      addRow(plan, 'capacity', resource.id, input.capacity[resource.id], count)
    }
  })
  return plan
}

function addRow(
  plan: PlanDoc,
  measure: Measure,
  key: string,
  values: number[] | undefined,
  count: number,
): void {
  const base = new Y.Array<number>()
  const filled = new Array<number>(count)
  for (let p = 0; p < count; p++) filled[p] = values?.[p] ?? 0
  base.insert(0, filled)
  const row = new Y.Map<unknown>()
  row.set('base', base)
  row.set('edits', new Y.Map<number>())
  plan.measureRoot(measure).set(key, row)
}
