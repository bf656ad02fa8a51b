import * as Y from 'yjs'
import type { GapKind } from '../gap.js'
import { skuMoney } from '../money/sku-money.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanModel } from '../plan-model.js'

/** The plan's key figures when a meeting ends, kept in its minutes. */
export interface KeyFigures {
  /** Units over the horizon, every active SKU. */
  demand: number
  supply: number
  /** Projected inventory at the end of the horizon. */
  endingInventory: number
  gaps: Record<GapKind, number>
  openFlags: number
  /** Money, over the SKUs with a price (`pricedSkus` of `skus`). */
  revenuePlanned: number
  revenueAtRisk: number
  inventoryValue: number
  skus: number
  pricedSkus: number
}

/** Reads the key figures off the plan and its model. */
export function keyFigures(plan: PlanDoc, model: PlanModel): KeyFigures {
  const totals = model.totals()
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)
  const gaps: Record<GapKind, number> = {
    shortage: 0,
    belowSafetyStock: 0,
    overCapacity: 0,
    excess: 0,
  }
  for (const gap of model.allGaps()) gaps[gap.kind]++
  let openFlags = 0
  plan.flags.forEach((flag) => {
    if (flag instanceof Y.Map && flag.get('status') !== 'resolved') openFlags++
  })
  const figures: KeyFigures = {
    demand: sum(totals.demand),
    supply: sum(totals.supply),
    endingInventory: totals.projected[totals.projected.length - 1] ?? 0,
    gaps,
    openFlags,
    revenuePlanned: 0,
    revenueAtRisk: 0,
    inventoryValue: 0,
    skus: 0,
    pricedSkus: 0,
  }
  for (const family of model.families()) {
    for (const sku of family.skus) {
      const view = model.sku(sku)
      if (!view) continue
      figures.skus++
      const price = view.item.price ?? 0
      const unitCost = view.item.unitCost ?? 0
      if (price <= 0 && unitCost <= 0) continue
      figures.pricedSkus++
      const money = skuMoney({
        sku,
        family: view.item.family,
        site: view.item.site,
        price,
        unitCost,
        openingStock: view.item.openingStock,
        demand: view.demand,
        supply: view.supply,
      })
      figures.revenuePlanned += money.revenuePlanned
      figures.revenueAtRisk += money.revenueAtRisk
      figures.inventoryValue += money.inventoryValue
    }
  }
  return figures
}
