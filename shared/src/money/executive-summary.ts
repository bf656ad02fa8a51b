import { inventoryGaps } from '../gaps.js'
import { projectedInventory } from '../projected-inventory.js'
import { daysOfSupply } from './days-of-supply.js'
import type { NamedPricedSku } from './priced-skus.js'

/** The money figures of a group of SKUs (a family, a site, or the whole plan). */
export interface MoneyGroup {
  /** The family or site name; '' for the whole plan. */
  key: string
  skus: number
  /** Σ demand over the horizon, in units. */
  demandUnits: number
  /** Σ supply over the horizon, in units. */
  supplyUnits: number
  /** Σ demand × price over the horizon. */
  revenuePlanned: number
  /** Stock at the end of the horizon × unit cost. */
  inventoryValue: number
  /** Σ of each SKU's deepest shortage × price. */
  revenueAtRisk: number
  /**
   * The group's stock at the end of the first period ÷ its average daily demand over the next
   * three periods: recomputed from the totals, never averaged. Null without demand ahead.
   */
  daysOfSupply: number | null
}

/** A shortage (a run of periods with projected inventory below zero), valued. */
export interface MoneyGap {
  sku: string
  name: string
  family: string
  site: string
  firstPeriod: number
  lastPeriod: number
  /** The deepest shortage in the run, in units. */
  unitsShort: number
  /** `unitsShort` × price. */
  revenueAtRisk: number
}

/** What an executive reads first: the plan in money, by family and by site, and its worst gaps. */
export interface ExecutiveSummary {
  totals: MoneyGroup
  byFamily: MoneyGroup[]
  /** By site, when the SKUs name more than one site; undefined otherwise. */
  bySite: MoneyGroup[] | undefined
  /** Shortages by revenue at risk, then units short, largest first; at most `topGaps`. */
  topGaps: MoneyGap[]
  /** How many shortages there are in all (the list is cut at `topGaps`). */
  gapCount: number
  /** Revenue planned per period, for the chart. */
  revenueByPeriod: number[]
  /** Projected inventory × unit cost per period (shortages as no stock), for the chart. */
  inventoryValueByPeriod: number[]
  /** SKUs with no price: their revenue counts as 0. */
  unpriced: number
}

interface GroupSums {
  skus: number
  demandUnits: number
  supplyUnits: number
  revenuePlanned: number
  inventoryValue: number
  revenueAtRisk: number
  /** Σ max(0, stock at the end of period 0). */
  stockNow: number
  /** Σ demand per period, for the days of supply. */
  demand: number[]
}

/**
 * The executive summary of a plan's SKUs. Pure: the same SKUs give the same figures on the
 * client (the executive view) and the server (the meeting pack).
 */
export function executiveSummary(
  skus: readonly NamedPricedSku[],
  daysPerPeriod: number,
  topGaps = 10,
): ExecutiveSummary {
  const periods = skus.reduce((n, sku) => Math.max(n, sku.demand.length), 0)
  const total = emptySums(periods)
  const families = new Map<string, GroupSums>()
  const sites = new Map<string, GroupSums>()
  const gaps: MoneyGap[] = []
  const revenueByPeriod = new Array<number>(periods).fill(0)
  const inventoryValueByPeriod = new Array<number>(periods).fill(0)
  let unpriced = 0
  for (const sku of skus) {
    const projected = projectedInventory(sku.openingStock, sku.supply, sku.demand)
    let revenue = 0
    let supplyUnits = 0
    let demandUnits = 0
    for (let t = 0; t < periods; t++) {
      const units = sku.demand[t] ?? 0
      demandUnits += units
      supplyUnits += sku.supply[t] ?? 0
      revenue += units * sku.price
      revenueByPeriod[t] += units * sku.price
      inventoryValueByPeriod[t] += Math.max(0, projected[t] ?? 0) * sku.unitCost
    }
    const worst = projected.reduce((low, stock) => Math.min(low, stock), 0)
    const end = projected.length > 0 ? projected[projected.length - 1] : sku.openingStock
    const figures = {
      demandUnits,
      supplyUnits,
      revenuePlanned: revenue,
      inventoryValue: Math.max(0, end) * sku.unitCost,
      revenueAtRisk: -worst * sku.price,
      stockNow: Math.max(0, projected[0] ?? sku.openingStock),
      demand: sku.demand,
    }
    for (const sums of [
      total,
      group(families, sku.family, periods),
      group(sites, sku.site, periods),
    ])
      add(sums, figures)
    if (sku.price <= 0) unpriced++
    for (const gap of inventoryGaps(sku.sku, projected, { safetyStock: 0, maxStock: 0 })) {
      if (gap.kind !== 'shortage') continue
      gaps.push({
        sku: sku.sku,
        name: sku.name,
        family: sku.family,
        site: sku.site,
        firstPeriod: gap.firstPeriod,
        lastPeriod: gap.lastPeriod,
        unitsShort: gap.worst,
        revenueAtRisk: gap.worst * sku.price,
      })
    }
  }
  gaps.sort(
    (a, b) =>
      b.revenueAtRisk - a.revenueAtRisk ||
      b.unitsShort - a.unitsShort ||
      a.firstPeriod - b.firstPeriod ||
      (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0),
  )
  const groups = (map: Map<string, GroupSums>) =>
    [...map]
      .map(([key, sums]) => moneyGroup(key, sums, daysPerPeriod))
      .sort((a, b) => b.revenuePlanned - a.revenuePlanned || (a.key < b.key ? -1 : 1))
  return {
    totals: moneyGroup('', total, daysPerPeriod),
    byFamily: groups(families),
    bySite: sites.size > 1 ? groups(sites) : undefined,
    topGaps: gaps.slice(0, topGaps),
    gapCount: gaps.length,
    revenueByPeriod,
    inventoryValueByPeriod,
    unpriced,
  }
}

function emptySums(periods: number): GroupSums {
  return {
    skus: 0,
    demandUnits: 0,
    supplyUnits: 0,
    revenuePlanned: 0,
    inventoryValue: 0,
    revenueAtRisk: 0,
    stockNow: 0,
    demand: new Array<number>(periods).fill(0),
  }
}

function group(map: Map<string, GroupSums>, key: string, periods: number): GroupSums {
  let sums = map.get(key)
  if (!sums) map.set(key, (sums = emptySums(periods)))
  return sums
}

function add(
  sums: GroupSums,
  figures: Omit<GroupSums, 'skus' | 'demand'> & { demand: readonly number[] },
): void {
  sums.skus++
  sums.demandUnits += figures.demandUnits
  sums.supplyUnits += figures.supplyUnits
  sums.revenuePlanned += figures.revenuePlanned
  sums.inventoryValue += figures.inventoryValue
  sums.revenueAtRisk += figures.revenueAtRisk
  sums.stockNow += figures.stockNow
  figures.demand.forEach((units, t) => (sums.demand[t] += units))
}

function moneyGroup(key: string, sums: GroupSums, daysPerPeriod: number): MoneyGroup {
  const stock = [sums.stockNow, ...new Array<number>(Math.max(0, sums.demand.length - 1)).fill(0)]
  return {
    key,
    skus: sums.skus,
    demandUnits: sums.demandUnits,
    supplyUnits: sums.supplyUnits,
    revenuePlanned: sums.revenuePlanned,
    inventoryValue: sums.inventoryValue,
    revenueAtRisk: sums.revenueAtRisk,
    daysOfSupply:
      sums.demand.length > 0 ? (daysOfSupply(stock, sums.demand, daysPerPeriod)[0] ?? null) : null,
  }
}
