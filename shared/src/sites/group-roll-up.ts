import type { PlanModel, PlanTotals, SkuView } from '../plan-model.js'
import { shortageRollUp, sumRows } from '../roll-up.js'
import type { Transfer } from '../transfers/transfer.js'
import { inTransit } from '../transfers/transfer-flows.js'

/** The roll-up of any set of SKUs (a site, a resource's SKUs, a filtered family or plan). */
export type GroupRollUp = PlanTotals & { skuCount: number }

/**
 * Sums a set of SKUs period by period, the way the plan's totals are summed: a transfer
 * between two SKUs of the set moves stock inside it, so what is in transit between them is
 * added back to `projected` and the set's stock does not dip while it travels. A transfer that
 * leaves the set (Shanghai to Hamburg, seen from Shanghai) lowers it, and raises the other set.
 * `count` is the plan's period count.
 */
export function groupRollUp(model: PlanModel, skus: Iterable<string>, count: number): GroupRollUp {
  const views: SkuView[] = []
  const members = new Set<string>()
  for (const sku of skus) {
    const view = model.sku(sku)
    if (!view || members.has(sku)) continue
    members.add(sku)
    views.push(view)
  }
  const inside: Transfer[] = []
  for (const sku of members)
    for (const [, transfer] of model.transfersOf(sku))
      if (transfer.fromSku === sku && members.has(transfer.toSku)) inside.push(transfer)
  const sum = (pick: (view: SkuView) => number[]) => sumRows(views.map(pick), count)
  const transit = inTransit(inside, count)
  const projected = sum((v) => v.projected)
  for (let t = 0; t < count; t++) projected[t] += transit[t]
  return {
    skuCount: views.length,
    demand: sum((v) => v.demand),
    supply: sum((v) => v.supply),
    transferIn: sum((v) => v.transferIn),
    transferOut: sum((v) => v.transferOut),
    projected,
    inTransit: transit,
    ...shortageRollUp(
      views.map((v) => v.projected),
      count,
    ),
    gapCount: views.reduce((n, v) => n + v.gaps.length, 0),
  }
}
