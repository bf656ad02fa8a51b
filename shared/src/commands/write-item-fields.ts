import type { Item } from '../item.js'
import type { PlanDoc } from '../plan-doc.js'

/** Item fields a change may set (everything but the SKU id, which is the map's key). */
export type ItemFields = Partial<Omit<Item, 'sku'>>

/**
 * Writes item fields of an existing SKU in one transaction, skipping values it already holds.
 * Retiring a SKU is `{ retired: true }`; bringing it back, `{ retired: false }`. The caller
 * checks `checkItemChange` first.
 */
export function writeItemFields(
  plan: PlanDoc,
  sku: string,
  fields: ItemFields,
  origin?: unknown,
): void {
  const map = plan.items.get(sku)
  if (!map) throw new Error(`No item ${sku}`)
  plan.doc.transact(() => {
    for (const [field, value] of Object.entries(fields)) {
      if (value !== undefined && map.get(field) !== value) map.set(field, value)
    }
  }, origin)
}
