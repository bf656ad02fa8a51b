import { projectedInventory } from '../projected-inventory.js'

/** What the money figures need of one SKU. Price and unit cost are 0 when not known. */
export interface PricedSku {
  sku: string
  family: string
  site: string
  price: number
  unitCost: number
  openingStock: number
  demand: readonly number[]
  supply: readonly number[]
}

/** A SKU's money over the horizon. */
export interface SkuMoney {
  /** Σ demand × price. */
  revenuePlanned: number
  /** Stock at the end of the horizon × unit cost (shortages count as no stock). */
  inventoryValue: number
  /** Σ shortage units × price: demand the plan cannot serve, in money. */
  revenueAtRisk: number
  /** Units short over the horizon: the deepest shortage reached. */
  unitsShort: number
}

/**
 * A shortage of projected inventory is demand that cannot be served. Units at risk are counted
 * once, as the deepest shortage reached, since a shortage carried from one period to the next is
 * the same missing units, not new ones.
 */
export function skuMoney(sku: PricedSku): SkuMoney {
  const projected = projectedInventory(sku.openingStock, sku.supply, sku.demand)
  let revenuePlanned = 0
  for (const units of sku.demand) revenuePlanned += units * sku.price
  const worst = projected.reduce((low, stock) => Math.min(low, stock), 0)
  const end = projected.length > 0 ? projected[projected.length - 1]! : sku.openingStock
  return {
    revenuePlanned,
    inventoryValue: Math.max(0, end) * sku.unitCost,
    revenueAtRisk: -worst * sku.price,
    unitsShort: -worst,
  }
}

/** Money totals grouped by family or by site, largest revenue first. */
export function moneyBy(
  skus: readonly PricedSku[],
  by: 'family' | 'site',
): { key: string; money: SkuMoney; skus: number }[] {
  const groups = new Map<string, { money: SkuMoney; skus: number }>()
  for (const sku of skus) {
    const money = skuMoney(sku)
    const group = groups.get(sku[by]) ?? {
      money: { revenuePlanned: 0, inventoryValue: 0, revenueAtRisk: 0, unitsShort: 0 },
      skus: 0,
    }
    group.money.revenuePlanned += money.revenuePlanned
    group.money.inventoryValue += money.inventoryValue
    group.money.revenueAtRisk += money.revenueAtRisk
    group.money.unitsShort += money.unitsShort
    group.skus++
    groups.set(sku[by], group)
  }
  return [...groups]
    .map(([key, group]) => ({ key, ...group }))
    .sort((a, b) => b.money.revenuePlanned - a.money.revenuePlanned || (a.key < b.key ? -1 : 1))
}
