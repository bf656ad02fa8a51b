import type { PlanModel } from '@tandem/shared'
import type { ChartTarget } from './chart-target.js'

/** The numbers the chart draws for a target, read from the derived model. */
export interface ChartSeries {
  title: string
  demand: number[]
  supply: number[]
  projected: number[]
  safetyStock: number
}

export function chartSeries(model: PlanModel, target: ChartTarget): ChartSeries | undefined {
  if (target.kind === 'sku') {
    const view = model.sku(target.sku)
    if (!view) return undefined
    return {
      title: `${view.item.sku} · ${view.item.name}`,
      demand: view.demand,
      supply: view.supply,
      projected: view.projected,
      safetyStock: view.item.safetyStock,
    }
  }
  const family = model.family(target.family)
  if (!family) return undefined
  const safetyStock = family.skus.reduce(
    (sum, sku) => sum + (model.sku(sku)?.item.safetyStock ?? 0),
    0,
  )
  return { title: family.family, ...family, safetyStock }
}
