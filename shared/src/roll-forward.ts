import type { Item } from './item.js'
import type { PlanDoc } from './plan-doc.js'
import type { PlanInput } from './plan-input.js'
import { periodStart } from './periods.js'
import { projectedInventory } from './projected-inventory.js'
import type { Measure } from './roots.js'

/**
 * Next cycle's plan from a published one: the horizon moves `periods` forward, master data
 * carries over, every row keeps its latest values shifted into place, the new tail periods
 * repeat each row's last value, and opening stock becomes the projected inventory at the end of
 * the periods rolled off. Retired SKUs stay behind in the published plan. Overlays start empty,
 * as in a new epoch.
 */
export function rollForward(plan: PlanDoc, periods: number, name: string): PlanInput {
  const meta = plan.readMeta()
  if (!Number.isInteger(periods) || periods < 1 || periods >= meta.periodCount) {
    throw new RangeError(`Roll forward by 1 to ${meta.periodCount - 1} periods`)
  }
  const first = periodStart(meta.periodKind, meta.firstPeriod, periods).toISOString().slice(0, 10)
  const shift = (values: number[]) => {
    const kept = values.slice(periods)
    const last = kept[kept.length - 1] ?? 0
    while (kept.length < meta.periodCount) kept.push(last)
    return kept
  }
  const rows = (measure: Measure, keys: string[]) =>
    Object.fromEntries(keys.map((key) => [key, shift(plan.readRow(measure, key))]))
  const skus = plan.listSkus().filter((sku) => !plan.isRetired(sku))
  const items: Item[] = skus.map((sku) => {
    const item = plan.readItem(sku) as Item
    const projected = projectedInventory(
      item.openingStock,
      plan.readRow('supply', sku),
      plan.readRow('demand', sku),
    )
    return { ...item, openingStock: Math.max(0, projected[periods - 1] ?? item.openingStock) }
  })
  return {
    meta: { ...meta, name, firstPeriod: first, frozenThrough: -1, status: 'draft' },
    items,
    demand: rows('demand', skus),
    supply: rows('supply', skus),
    capacity: rows(
      'capacity',
      meta.resources.map((r) => r.id),
    ),
  }
}
