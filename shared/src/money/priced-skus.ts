import type { PlanDoc } from '../plan-doc.js'
import type { PricedSku } from './sku-money.js'

/** What the money figures need of one SKU, with its name for lists. */
export interface NamedPricedSku extends PricedSku {
  name: string
  safetyStock: number
}

/** The plan's active (not retired) SKUs with their price, cost, stock and rows, in board order. */
export function pricedSkus(plan: PlanDoc): NamedPricedSku[] {
  const skus: NamedPricedSku[] = []
  for (const sku of plan.listSkus()) {
    const item = plan.readItem(sku)
    if (!item || item.retired) continue
    skus.push({
      sku,
      name: item.name,
      family: item.family,
      site: item.site,
      price: item.price ?? 0,
      unitCost: item.unitCost ?? 0,
      openingStock: item.openingStock,
      safetyStock: item.safetyStock,
      demand: plan.readRow('demand', sku),
      supply: plan.readRow('supply', sku),
    })
  }
  return skus
}
