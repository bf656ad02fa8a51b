import * as Y from 'yjs'
import type { PlanInput } from './plan-input.js'
import { PlanDoc } from './plan-doc.js'
import { addMeasureRow } from './add-measure-row.js'
import { writeTransfer } from './transfers/write-transfer.js'
import { addActualsRow } from './actuals/add-actuals-row.js'
import { HISTORY_PERIODS } from './actuals/history-periods.js'

/**
 * Writes a whole plan into an empty document in one transaction: meta, items, and one row
 * (base array plus empty overlay) per measure and key, and the actuals rows given. Rows are created here once, never lazily.
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
      addMeasureRow(plan, 'demand', sku, input.demand[sku], count)
      addMeasureRow(plan, 'supply', sku, input.supply[sku], count)
      const actuals = input.actuals?.[sku]
      if (actuals)
        addActualsRow(
          plan,
          sku,
          actuals,
          HISTORY_PERIODS[input.meta.periodKind] + count,
          input.actualProduction?.[sku],
        )
    }
    for (const resource of input.meta.resources) {
      addMeasureRow(plan, 'capacity', resource.id, input.capacity[resource.id], count)
    }
    for (const [id, transfer] of Object.entries(input.transfers ?? {}))
      writeTransfer(plan, id, transfer)
  })
  return plan
}
