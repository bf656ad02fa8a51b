import * as Y from 'yjs'
import { addMeasureRow } from '../add-measure-row.js'
import type { Item } from '../item.js'
import type { PlanDoc } from '../plan-doc.js'

/**
 * A planner's new SKU: its item map and its demand and supply rows (zero bases, empty overlays),
 * all in one transaction, as the layout requires. The caller checks `checkItemChange` first.
 */
export function addItem(plan: PlanDoc, item: Item, origin?: unknown): void {
  const { sku, ...fields } = item
  plan.doc.transact(() => {
    const map = new Y.Map<unknown>()
    for (const [field, value] of Object.entries(fields)) {
      if (value !== undefined) map.set(field, value)
    }
    plan.items.set(sku, map)
    addMeasureRow(plan, 'demand', sku, undefined, plan.periodCount)
    addMeasureRow(plan, 'supply', sku, undefined, plan.periodCount)
  }, origin)
}
