import type { PlanDoc } from '../plan-doc.js'
import type { ProposalInput, ProposalItem } from './supply-proposal.js'

/** Which SKUs a proposal covers: a SKU, a family, a site (all of those given), or every one. */
export interface ProposalSelection {
  sku?: string
  family?: string
  site?: string
}

/**
 * The supply proposal's input from a plan: the selected active SKUs with their stock levels,
 * lot rules and rows, the plan's frozen periods, and each resource's capacity less the supply of
 * the SKUs left out (which still use it).
 */
export function proposalInputOf(plan: PlanDoc, selection: ProposalSelection): ProposalInput {
  const meta = plan.readMeta()
  const n = meta.periodCount
  const capacity: Record<string, number[]> = {}
  for (const id of plan.capacity.keys()) capacity[id] = plan.readRow('capacity', id).slice(0, n)
  const items: ProposalItem[] = []
  for (const sku of plan.listSkus()) {
    const item = plan.readItem(sku)
    if (!item || item.retired) continue
    const supply = plan.readRow('supply', sku).slice(0, n)
    const chosen =
      (!selection.sku || item.sku === selection.sku) &&
      (!selection.family || item.family === selection.family) &&
      (!selection.site || item.site === selection.site)
    if (!chosen) {
      const left = capacity[item.resource]
      if (left) for (let t = 0; t < n; t++) left[t] = Math.max(0, left[t]! - supply[t]!)
      continue
    }
    items.push({
      sku,
      resource: item.resource,
      openingStock: item.openingStock,
      safetyStock: item.safetyStock,
      maxStock: item.maxStock,
      leadTime: item.leadTime ?? 0,
      minBatch: item.minBatch ?? 0,
      lotSize: item.lotSize ?? 0,
      demand: plan.readRow('demand', sku).slice(0, n),
      supply,
    })
  }
  return { periodCount: n, frozenThrough: meta.frozenThrough, items, capacity }
}
