import type { PlanComparison } from '../compare-plans.js'
import type { ExecutiveSummary, MoneyGroup } from './executive-summary.js'

/** How one family (or, with family '', the whole plan) moved from one plan to another. */
export interface FamilyChange {
  family: string
  revenue: { from: number; to: number }
  revenueAtRisk: { from: number; to: number }
  inventoryValue: { from: number; to: number }
  demand: { from: number; to: number }
  supply: { from: number; to: number }
  /** Demand and supply cells that differ. */
  cells: number
}

/** What changed since a version (the last consensus), in money and in units. */
export interface SummaryChanges {
  totals: FamilyChange
  /** Families that changed, the largest revenue change first. */
  families: FamilyChange[]
}

/**
 * Compares the executive summaries of two plans (`before`, a version, and `after`, the live
 * plan), with the cell comparison of the two (`comparePlans(before, after)`) for the cells
 * changed. `familyOf` names the family of a SKU key in either plan.
 */
export function summaryChanges(
  before: ExecutiveSummary,
  after: ExecutiveSummary,
  comparison: PlanComparison,
  familyOf: (sku: string) => string,
): SummaryChanges {
  const changes = new Map<string, FamilyChange>()
  const change = (family: string): FamilyChange => {
    let found = changes.get(family)
    if (!found) changes.set(family, (found = emptyChange(family)))
    return found
  }
  const money = (groups: MoneyGroup[], side: 'from' | 'to') => {
    for (const group of groups) {
      const entry = change(group.key)
      entry.revenue[side] = group.revenuePlanned
      entry.revenueAtRisk[side] = group.revenueAtRisk
      entry.inventoryValue[side] = group.inventoryValue
      entry.demand[side] = group.demandUnits
      entry.supply[side] = group.supplyUnits
    }
  }
  money(before.byFamily, 'from')
  money(after.byFamily, 'to')
  const totals = emptyChange('')
  for (const [side, summary] of [
    ['from', before],
    ['to', after],
  ] as const) {
    totals.revenue[side] = summary.totals.revenuePlanned
    totals.revenueAtRisk[side] = summary.totals.revenueAtRisk
    totals.inventoryValue[side] = summary.totals.inventoryValue
    totals.demand[side] = summary.totals.demandUnits
    totals.supply[side] = summary.totals.supplyUnits
  }
  for (const cell of comparison.cells) {
    if (cell.measure !== 'demand' && cell.measure !== 'supply') continue
    change(familyOf(cell.key)).cells++
    totals.cells++
  }
  const moved = (c: FamilyChange) =>
    c.cells > 0 ||
    [c.revenue, c.revenueAtRisk, c.inventoryValue, c.demand, c.supply].some((v) => v.from !== v.to)
  const families = [...changes.values()]
    .filter(moved)
    .sort(
      (a, b) =>
        Math.abs(b.revenue.to - b.revenue.from) - Math.abs(a.revenue.to - a.revenue.from) ||
        b.cells - a.cells ||
        (a.family < b.family ? -1 : 1),
    )
  return { totals, families }
}

function emptyChange(family: string): FamilyChange {
  return {
    family,
    revenue: { from: 0, to: 0 },
    revenueAtRisk: { from: 0, to: 0 },
    inventoryValue: { from: 0, to: 0 },
    demand: { from: 0, to: 0 },
    supply: { from: 0, to: 0 },
    cells: 0,
  }
}
