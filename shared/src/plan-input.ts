import type { Item } from './item.js'
import type { PlanMeta } from './plan-meta.js'
import type { Transfer } from './transfers/transfer.js'

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
  /**
   * Actual demand per SKU, `HISTORY_PERIODS[periodKind] + periodCount` entries from three years
   * before period 0; null where there is none. SKUs without an entry get no actuals row.
   */
  actuals?: Record<string, (number | null)[]>
  /** Actual production per SKU, laid out as `actuals`; only SKUs with actual demand get it. */
  actualProduction?: Record<string, (number | null)[]>
  /** Transfers between sites, by transfer id. */
  transfers?: Record<string, Transfer>
}
