import type { Item } from './item.js'
import type { PlanMeta } from './plan-meta.js'

/** Everything needed to create a plan document: settings, SKU master data and the measure rows. */
export interface PlanInput {
  meta: PlanMeta
  items: Item[]
  /** Demand per SKU, one value per period. */
  demand: Record<string, number[]>
  /** Supply per SKU, one value per period. */
  supply: Record<string, number[]>
  /** Capacity per resource id, one value per period. */
  capacity: Record<string, number[]>
}
