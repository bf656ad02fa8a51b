import { lotQuantity, wholeLotsWithin, type LotRule } from './lot-quantity.js'

/** One SKU as the supply proposal sees it. */
export interface ProposalItem extends LotRule {
  sku: string
  resource: string
  openingStock: number
  safetyStock: number
  /** 0 for no maximum. */
  maxStock: number
  /** Periods between releasing an order and receiving it; receipts earlier than this stay. */
  leadTime: number
  demand: readonly number[]
  /** Today's supply plan; kept in frozen periods and inside the lead time. */
  supply: readonly number[]
}

export interface ProposalInput {
  periodCount: number
  /** Periods with index ≤ frozenThrough are never changed; -1 for none. */
  frozenThrough: number
  items: readonly ProposalItem[]
  /** Capacity per resource and period. A resource with no entry is not constrained. */
  capacity: Readonly<Record<string, readonly number[]>>
}

/** Why a SKU stays below safety stock in a period. */
export type UnmetReason = 'frozen' | 'leadTime' | 'capacity'

export interface UnmetNeed {
  sku: string
  period: number
  /** Units still missing to reach safety stock in that period. */
  shortfall: number
  reason: UnmetReason
  /** The resource, for capacity reasons. */
  resource?: string
}

export interface SupplyProposal {
  /** The proposed supply row of every SKU. */
  supply: Record<string, number[]>
  /** Cells whose proposed value differs from today's. */
  changes: { sku: string; period: number; from: number; to: number }[]
  unmet: UnmetNeed[]
  /** Capacity load per resource and period after the proposal (supply ÷ capacity). */
  load: Record<string, number[]>
}

/**
 * Supply that keeps projected inventory at or above safety stock, within capacity.
 *
 * For each SKU, receipts from the first period it may change (after the frozen periods and its
 * lead time) are planned again from nothing, period by period, as net requirements: when
 * projected inventory would fall below safety stock, an order of whole lots (at least the
 * minimum batch) is placed in that period. When the resource has no room left in that period,
 * the order is built ahead: split into whole lots and placed in the latest earlier periods with
 * free capacity. What cannot be placed is reported, with the reason. An order is the
 * smallest that reaches safety stock, so it passes maximum stock only where lot rounding or
 * building ahead makes it.
 *
 * Needs are served in period order and, within a period, in SKU order, so the result is
 * deterministic and earlier needs get capacity first.
 */
export function proposeSupply(input: ProposalInput): SupplyProposal {
  const items = [...input.items].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
  const periods = input.periodCount
  const supply = new Map<string, number[]>()
  const firstFree = new Map<string, number>()
  const allocated = new Map<string, number[]>()
  for (const resource of Object.keys(input.capacity))
    allocated.set(resource, new Array<number>(periods).fill(0))

  for (const item of items) {
    const first = Math.max(input.frozenThrough + 1, Math.floor(item.leadTime), 0)
    const row = Array.from({ length: periods }, (_, t) => (t < first ? (item.supply[t] ?? 0) : 0))
    supply.set(item.sku, row)
    firstFree.set(item.sku, first)
    const load = allocated.get(item.resource)
    if (load) for (let t = 0; t < periods; t++) load[t]! += row[t]!
  }

  const level = new Map<string, number>(items.map((item) => [item.sku, item.openingStock]))
  const unmet: UnmetNeed[] = []
  for (let t = 0; t < periods; t++) {
    for (const item of items) {
      const row = supply.get(item.sku)!
      let projected = level.get(item.sku)! + row[t]! - (item.demand[t] ?? 0)
      const net = item.safetyStock - projected
      if (net > 1e-9) {
        const first = firstFree.get(item.sku)!
        if (t < first) {
          unmet.push({
            sku: item.sku,
            period: t,
            shortfall: net,
            reason: t <= input.frozenThrough ? 'frozen' : 'leadTime',
          })
        } else {
          const wanted = lotQuantity(net, item)
          const placed = place(
            wanted,
            t,
            first,
            item,
            row,
            input.capacity[item.resource],
            allocated.get(item.resource),
          )
          projected += placed
          const left = item.safetyStock - projected
          if (left > 1e-9)
            unmet.push({
              sku: item.sku,
              period: t,
              shortfall: left,
              reason: 'capacity',
              resource: item.resource,
            })
        }
      }
      level.set(item.sku, projected)
    }
  }

  const changes: SupplyProposal['changes'] = []
  for (const item of items) {
    const row = supply.get(item.sku)!
    for (let t = 0; t < periods; t++) {
      const from = item.supply[t] ?? 0
      if (row[t] !== from) changes.push({ sku: item.sku, period: t, from, to: row[t]! })
    }
  }
  const load: Record<string, number[]> = {}
  for (const [resource, used] of allocated) {
    const capacity = input.capacity[resource]!
    load[resource] = used.map((value, t) => {
      const available = capacity[t] ?? 0
      return available > 0 ? value / available : value > 0 ? Infinity : 0
    })
  }
  return { supply: Object.fromEntries(supply), changes, unmet, load }
}

/**
 * Places `wanted` for period `need`: in that period if the resource has room, else in whole
 * lots in the latest earlier periods with room, never before `first`. Returns what was placed.
 */
function place(
  wanted: number,
  need: number,
  first: number,
  item: ProposalItem,
  row: number[],
  capacity: readonly number[] | undefined,
  allocated: number[] | undefined,
): number {
  if (!capacity || !allocated) {
    row[need]! += wanted
    return wanted
  }
  const smallest = lotQuantity(item.minBatch, item)
  let placed = 0
  for (let t = need; t >= first && wanted - placed > 1e-9; t--) {
    const room = (capacity[t] ?? 0) - allocated[t]!
    let chunk = Math.min(wanted - placed, wholeLotsWithin(room, item.lotSize))
    if (chunk < smallest) chunk = smallest <= room ? smallest : 0
    if (!(chunk > 0)) continue
    row[t]! += chunk
    allocated[t]! += chunk
    placed += chunk
  }
  return placed
}
