import type * as Y from 'yjs'
import { capacityLoad, capacityRequired } from './capacity-load.js'
import type { Gap } from './gap.js'
import { capacityGaps, inventoryGaps } from './gaps.js'
import type { Item } from './item.js'
import type { PlanDoc } from './plan-doc.js'
import { projectedInventory } from './projected-inventory.js'
import { shortageRollUp, sumRows } from './roll-up.js'
import type { Transfer } from './transfers/transfer.js'
import { readTransfer } from './transfers/transfer.js'
import { inTransit, transferFlows } from './transfers/transfer-flows.js'

/** The derived state of one SKU: its rows, projected inventory and gaps. */
export interface SkuView {
  item: Item
  demand: number[]
  supply: number[]
  /** Per period, what transfers bring in (supply from another site) and ship out (demand). */
  transferIn: number[]
  transferOut: number[]
  projected: number[]
  gaps: Gap[]
}

/**
 * A family's roll-up: flows and stock summed over its SKUs, and the count of SKU gaps. Its
 * projected inventory includes what is in transit between two of its SKUs (see `groupRollUp`).
 */
export interface FamilyView {
  family: string
  skus: string[]
  demand: number[]
  supply: number[]
  transferIn: number[]
  transferOut: number[]
  projected: number[]
  /** Per period, the sum of the SKUs' negative projected inventory (0 or less). */
  shortage: number[]
  /** Per period, how many of the family's SKUs are short (projected inventory below zero). */
  short: number[]
  gapCount: number
}

/**
 * The whole plan rolled up across every site: demand and supply are the SKUs' own (a transfer
 * is inside the network, so it adds to neither), `transferIn`/`transferOut` what moved, and
 * `projected` the sites' stock plus what is in transit, so a transfer moves stock without
 * changing the total.
 */
export type PlanTotals = Omit<FamilyView, 'family' | 'skus'> & {
  /** Per period, shipped and not yet arrived. */
  inTransit: number[]
}

/** A resource's capacity, load and capacity gaps. */
export interface ResourceView {
  resource: string
  capacity: number[]
  /** The supply that needs the resource, per period. */
  required: number[]
  load: number[]
  gaps: Gap[]
}

/** What one transaction changed in the derived model. */
export interface ModelChange {
  skus: Set<string>
  families: Set<string>
  resources: Set<string>
}

/**
 * The derived model of a plan (projection, gaps, roll-ups), kept up to date incrementally: a
 * transaction recomputes only the SKUs it touched, their families and their resources.
 */
export class PlanModel {
  /** How many recomputations ran, by kind; tests use it to prove incrementality. */
  readonly recomputeCounts = { sku: 0, family: 0, resource: 0 }
  private readonly skuViews = new Map<string, SkuView>()
  private readonly familyViews = new Map<string, FamilyView>()
  private readonly resourceViews = new Map<string, ResourceView>()
  private readonly listeners = new Set<(change: ModelChange) => void>()
  private dirty: ModelChange = emptyChange()
  private rebuildAll = false
  private cachedTotals: PlanTotals | undefined
  private readonly skusByFamily = new Map<string, Set<string>>()
  private readonly skusByResource = new Map<string, Set<string>>()
  private readonly transfers = new Map<string, Transfer>()
  private readonly transfersBySku = new Map<string, Set<string>>()
  private dirtyTransfers = new Set<string>()
  private readonly stops: (() => void)[] = []

  constructor(private readonly plan: PlanDoc) {
    this.rebuild()
    const watch = <T>(root: Y.Map<T>, add: (key: string) => void) => {
      const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        for (const event of events) {
          if (event.path.length > 0) add(String(event.path[0]))
          else for (const key of event.keys.keys()) add(key)
        }
      }
      root.observeDeep(onEvents)
      this.stops.push(() => root.unobserveDeep(onEvents))
    }
    watch(plan.demand, (sku) => this.dirty.skus.add(sku))
    watch(plan.supply, (sku) => this.dirty.skus.add(sku))
    watch(plan.items, (sku) => this.dirty.skus.add(sku))
    watch(plan.capacity, (id) => this.dirty.resources.add(id))
    watch(plan.transfers, (id) => this.dirtyTransfers.add(id))
    watch(plan.meta, (key) => {
      if (key === 'periodCount' || key === 'resources') this.rebuildAll = true
    })
    plan.doc.on('afterTransaction', this.flush)
  }

  sku(sku: string): SkuView | undefined {
    return this.skuViews.get(sku)
  }

  family(family: string): FamilyView | undefined {
    return this.familyViews.get(family)
  }

  resource(resource: string): ResourceView | undefined {
    return this.resourceViews.get(resource)
  }

  families(): FamilyView[] {
    return [...this.familyViews.values()]
  }

  /** Every family summed, period by period; recomputed only after a change. */
  totals(): PlanTotals {
    if (this.cachedTotals) return this.cachedTotals
    const families = this.families()
    const count = this.plan.periodCount
    const sum = (pick: (f: FamilyView) => number[]) => sumRows(families.map(pick), count)
    const transit = inTransit(this.activeTransfers(), count)
    // A family's projected inventory already holds what travels inside it; add the rest.
    const familyOf = (sku: string) => this.skuViews.get(sku)?.item.family
    const between = inTransit(
      this.activeTransfers().filter((t) => familyOf(t.fromSku) !== familyOf(t.toSku)),
      count,
    )
    this.cachedTotals = {
      demand: sum((f) => f.demand),
      supply: sum((f) => f.supply),
      transferIn: sum((f) => f.transferIn),
      transferOut: sum((f) => f.transferOut),
      projected: sumRows([...families.map((f) => f.projected), between], count),
      inTransit: transit,
      shortage: sum((f) => f.shortage),
      short: sum((f) => f.short),
      gapCount: families.reduce((n, f) => n + f.gapCount, 0),
    }
    return this.cachedTotals
  }

  /** The transfers between two active SKUs, by id. */
  transferList(): [string, Transfer][] {
    return [...this.transfers].filter(([, t]) => this.isActive(t))
  }

  /** The transfers that ship from or arrive at this SKU, by id. */
  transfersOf(sku: string): [string, Transfer][] {
    const ids = this.transfersBySku.get(sku) ?? new Set<string>()
    return [...ids].sort().map((id) => [id, this.transfers.get(id) as Transfer])
  }

  /** Every gap in the plan: SKU inventory gaps, then resource capacity gaps. */
  allGaps(): Gap[] {
    const gaps: Gap[] = []
    for (const view of this.skuViews.values()) gaps.push(...view.gaps)
    for (const view of this.resourceViews.values()) gaps.push(...view.gaps)
    return gaps
  }

  onChange(listener: (change: ModelChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  destroy(): void {
    for (const stop of this.stops) stop()
    this.plan.doc.off('afterTransaction', this.flush)
    this.listeners.clear()
  }

  private readonly flush = (): void => {
    if (this.rebuildAll) {
      this.rebuildAll = false
      this.dirty = emptyChange()
      this.dirtyTransfers.clear()
      this.rebuild()
      return
    }
    for (const id of this.dirtyTransfers) {
      for (const sku of this.indexTransfer(id)) this.dirty.skus.add(sku)
    }
    this.dirtyTransfers.clear()
    // A SKU retired or brought back starts or stops its transfers at the other end too.
    for (const sku of [...this.dirty.skus])
      for (const [, t] of this.transfersOf(sku)) this.dirty.skus.add(t.fromSku).add(t.toSku)
    const change = this.dirty
    if (change.skus.size === 0 && change.resources.size === 0) return
    this.dirty = emptyChange()
    for (const sku of change.skus) {
      const before = this.skuViews.get(sku)
      if (before) {
        change.families.add(before.item.family)
        change.resources.add(before.item.resource)
      }
      const after = this.computeSku(sku)
      if (after) {
        change.families.add(after.item.family)
        change.resources.add(after.item.resource)
      }
    }
    for (const family of change.families) this.computeFamily(family)
    for (const resource of change.resources) this.computeResource(resource)
    if (change.families.size > 0) this.cachedTotals = undefined
    for (const listener of this.listeners) listener(change)
  }

  private rebuild(): void {
    this.cachedTotals = undefined
    this.skuViews.clear()
    this.familyViews.clear()
    this.resourceViews.clear()
    this.skusByFamily.clear()
    this.skusByResource.clear()
    this.transfers.clear()
    this.transfersBySku.clear()
    this.plan.transfers.forEach((_, id) => this.indexTransfer(id))
    const change = emptyChange()
    for (const sku of this.plan.listSkus()) {
      const view = this.computeSku(sku)
      if (view) change.families.add(view.item.family)
      change.skus.add(sku)
    }
    for (const family of change.families) this.computeFamily(family)
    for (const resource of this.plan.readMeta().resources) change.resources.add(resource.id)
    for (const resource of change.resources) this.computeResource(resource)
    for (const listener of this.listeners) listener(change)
  }

  private computeSku(sku: string): SkuView | undefined {
    this.recomputeCounts.sku++
    const previous = this.skuViews.get(sku)
    if (previous) {
      this.skusByFamily.get(previous.item.family)?.delete(sku)
      this.skusByResource.get(previous.item.resource)?.delete(sku)
    }
    const item = this.plan.readItem(sku)
    if (!item || item.retired) {
      this.skuViews.delete(sku)
      return undefined
    }
    indexInto(this.skusByFamily, item.family, sku)
    indexInto(this.skusByResource, item.resource, sku)
    const demand = this.plan.readRow('demand', sku)
    const supply = this.plan.readRow('supply', sku)
    const moves = transferFlows(
      sku,
      this.transfersOf(sku)
        .map(([, t]) => t)
        .filter((t) => this.isActive(t)),
      this.plan.periodCount,
    )
    const projected = projectedInventory(
      item.openingStock,
      supply,
      demand,
      moves.inbound,
      moves.outbound,
    )
    const gaps = inventoryGaps(sku, projected, item)
    const view = {
      item,
      demand,
      supply,
      transferIn: moves.inbound,
      transferOut: moves.outbound,
      projected,
      gaps,
    }
    this.skuViews.set(sku, view)
    return view
  }

  /** Re-reads one transfer into the index; returns the SKUs it touched before and after. */
  private indexTransfer(id: string): string[] {
    const touched: string[] = []
    const before = this.transfers.get(id)
    if (before) {
      unindex(this.transfersBySku, before.fromSku, id)
      unindex(this.transfersBySku, before.toSku, id)
      touched.push(before.fromSku, before.toSku)
      this.transfers.delete(id)
    }
    const after = readTransfer(this.plan.transfers.get(id))
    if (after) {
      this.transfers.set(id, after)
      indexInto(this.transfersBySku, after.fromSku, id)
      indexInto(this.transfersBySku, after.toSku, id)
      touched.push(after.fromSku, after.toSku)
    }
    return touched
  }

  /** A transfer counts only while both its SKUs are active, so it never moves stock half-way. */
  private isActive(transfer: Transfer): boolean {
    const active = (sku: string) => this.plan.items.has(sku) && !this.plan.isRetired(sku)
    return active(transfer.fromSku) && active(transfer.toSku)
  }

  private activeTransfers(): Transfer[] {
    return this.transferList().map(([, t]) => t)
  }

  private viewsOf(skus: Set<string> | undefined): SkuView[] {
    const views: SkuView[] = []
    for (const sku of skus ?? []) {
      const view = this.skuViews.get(sku)
      if (view) views.push(view)
    }
    return views
  }

  /**
   * What travels between two SKUs of one family (one product at two sites): it is still the
   * family's stock, so the family's projected inventory does not dip while it is on its way.
   */
  private inTransitWithin(family: string): number[] {
    const members = this.skusByFamily.get(family) ?? new Set<string>()
    const inside: Transfer[] = []
    for (const sku of members)
      for (const [, transfer] of this.transfersOf(sku))
        if (transfer.fromSku === sku && members.has(transfer.toSku) && this.isActive(transfer))
          inside.push(transfer)
    return inTransit(inside, this.plan.periodCount)
  }

  private computeFamily(family: string): void {
    this.recomputeCounts.family++
    const skus = this.viewsOf(this.skusByFamily.get(family))
    if (skus.length === 0) {
      this.familyViews.delete(family)
      return
    }
    const count = this.plan.periodCount
    this.familyViews.set(family, {
      family,
      skus: skus.map((v) => v.item.sku).sort(),
      demand: sumRows(
        skus.map((v) => v.demand),
        count,
      ),
      supply: sumRows(
        skus.map((v) => v.supply),
        count,
      ),
      transferIn: sumRows(
        skus.map((v) => v.transferIn),
        count,
      ),
      transferOut: sumRows(
        skus.map((v) => v.transferOut),
        count,
      ),
      projected: sumRows([...skus.map((v) => v.projected), this.inTransitWithin(family)], count),
      ...shortageRollUp(
        skus.map((v) => v.projected),
        count,
      ),
      gapCount: skus.reduce((n, v) => n + v.gaps.length, 0),
    })
  }

  private computeResource(resource: string): void {
    this.recomputeCounts.resource++
    if (!this.plan.capacity.has(resource)) {
      this.resourceViews.delete(resource)
      return
    }
    const capacity = this.plan.readRow('capacity', resource)
    const supplies = this.viewsOf(this.skusByResource.get(resource)).map((v) => v.supply)
    const load = capacityLoad(supplies, capacity)
    this.resourceViews.set(resource, {
      resource,
      capacity,
      required: capacityRequired(supplies, capacity.length),
      load,
      gaps: capacityGaps(resource, load),
    })
  }
}

function unindex(index: Map<string, Set<string>>, key: string, id: string): void {
  const set = index.get(key)
  set?.delete(id)
  if (set?.size === 0) index.delete(key)
}

function indexInto(index: Map<string, Set<string>>, key: string, sku: string): void {
  const set = index.get(key)
  if (set) set.add(sku)
  else index.set(key, new Set([sku]))
}

function emptyChange(): ModelChange {
  return { skus: new Set(), families: new Set(), resources: new Set() }
}
