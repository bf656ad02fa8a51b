import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { PlanDoc, ProposeSupplyBody } from '@tandem/shared'
import type { ProposalWorkerJob } from './proposal-job.js'
import { LEVEL_FIELDS } from './proposal-job.js'

/** SKUs read per turn of the event loop. */
const READ_CHUNK = 500

/**
 * Packs a plan's selected SKUs (a SKU, a family, a site, or every active SKU) for the proposal
 * worker, a few hundred SKUs per turn of the event loop. The supply of SKUs left out still uses
 * its resource: the capacity handed over is what it leaves.
 */
export async function packProposalJob(
  plan: PlanDoc,
  selection: Pick<ProposeSupplyBody, 'sku' | 'family' | 'site'>,
): Promise<ProposalWorkerJob> {
  const meta = plan.readMeta()
  const n = meta.periodCount
  const active = plan.listSkus().filter((sku) => !plan.isRetired(sku))
  const items = active.map((sku) => plan.readItem(sku)!)
  const chosen = items.filter(
    (item) =>
      (!selection.sku || item.sku === selection.sku) &&
      (!selection.family || item.family === selection.family) &&
      (!selection.site || item.site === selection.site),
  )
  const chosenSkus = new Set(chosen.map((item) => item.sku))
  const capacityOf = [...plan.capacity.keys()].sort()
  const capacity = new Float64Array(capacityOf.length * n)
  capacityOf.forEach((id, i) => capacity.set(plan.readRow('capacity', id).slice(0, n), i * n))
  const resourceIndex = new Map(capacityOf.map((id, i) => [id, i]))
  const levels = new Float64Array(chosen.length * LEVEL_FIELDS)
  const demand = new Float64Array(chosen.length * n)
  const supply = new Float64Array(chosen.length * n)
  let packed = 0
  for (let start = 0; start < items.length; start += READ_CHUNK) {
    if (start > 0) await yieldToLoop()
    for (const item of items.slice(start, start + READ_CHUNK)) {
      const rows = plan.readRow('supply', item.sku)
      if (!chosenSkus.has(item.sku)) {
        const r = resourceIndex.get(item.resource)
        if (r !== undefined) for (let t = 0; t < n; t++) capacity[r * n + t]! -= rows[t] ?? 0
        continue
      }
      const i = packed++
      levels.set(
        [
          item.openingStock,
          item.safetyStock,
          item.maxStock,
          item.leadTime ?? 0,
          item.minBatch ?? 0,
          item.lotSize ?? 0,
        ],
        i * LEVEL_FIELDS,
      )
      demand.set(plan.readRow('demand', item.sku).slice(0, n), i * n)
      supply.set(rows.slice(0, n), i * n)
    }
  }
  for (let k = 0; k < capacity.length; k++) capacity[k] = Math.max(0, capacity[k]!)
  return {
    periodCount: n,
    frozenThrough: meta.frozenThrough,
    skus: chosen.map((item) => item.sku),
    resources: chosen.map((item) => item.resource),
    levels,
    demand,
    supply,
    capacityOf,
    capacity,
  }
}
