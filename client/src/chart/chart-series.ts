import type { PlanModel } from '@tandem/shared'
import { groupRollUp } from '@tandem/shared'

/** The numbers the chart draws for a set of SKUs, read from the derived model. */
export interface ChartSeries {
  demand: number[]
  supply: number[]
  /** Projected inventory summed, a transfer between two of the SKUs counted while in transit. */
  projected: number[]
  safetyStock: number
}

export function chartSeries(
  model: PlanModel,
  skus: readonly string[],
  periodCount: number,
): ChartSeries {
  const rollUp = groupRollUp(model, skus, periodCount)
  const safetyStock = skus.reduce((sum, sku) => sum + (model.sku(sku)?.item.safetyStock ?? 0), 0)
  return { demand: rollUp.demand, supply: rollUp.supply, projected: rollUp.projected, safetyStock }
}
