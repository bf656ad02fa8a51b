import type {
  GapCell,
  GapCounts,
  ResourceLoadDiff,
  ScenarioComparison,
  SiteTotalDiff,
} from '../api/scenario-comparison.js'
import { GAP_CELL_LIMIT } from '../api/scenario-comparison.js'
import type { CellDiff, TotalDiff } from '../compare-plans.js'
import type { GapKind } from '../gap.js'
import { skuMoney } from '../money/sku-money.js'
import type { Item } from '../item.js'
import type { PlanDoc } from '../plan-doc.js'
import { projectedInventory } from '../projected-inventory.js'

interface Side {
  plan: PlanDoc
  gaps: Map<string, GapCell>
  counts: GapCounts
  required: Map<string, number[]>
  money: { inventoryValue: number; revenueAtRisk: number; priced: boolean }
}

/**
 * Compares two plans of the same horizon, `from` (a base, say) and `to` (a scenario): cells
 * changed, totals by family, site and measure, the gap cells each has and the other has not,
 * capacity load per resource, and inventory value and revenue at risk where prices exist.
 * Retired SKUs count in cells and totals but raise no gaps and load no resource.
 */
export function compareScenario(from: PlanDoc, to: PlanDoc): ScenarioComparison {
  const count = Math.max(from.periodCount, to.periodCount)
  const sides = [side(from), side(to)] as const
  const cells: CellDiff[] = []
  const totals = new Map<string, TotalDiff>()
  const sites = new Map<string, SiteTotalDiff>()
  const add = (
    map: Map<string, { from: number; to: number }>,
    key: string,
    a: number,
    b: number,
  ) => {
    const total = map.get(key)!
    total.from += a
    total.to += b
  }
  const skus = [...new Set([...from.items.keys(), ...to.items.keys()])].sort()
  for (const sku of skus) {
    const itemA = from.readItem(sku)
    const itemB = to.readItem(sku)
    const item = itemB ?? itemA!
    // A row both documents hold unchanged (the same base, the same overlay) is read once, and
    // an unchanged SKU's gaps are counted on both sides without listing them.
    const sameItem = JSON.stringify(itemA) === JSON.stringify(itemB)
    const rows = {} as Record<'demand' | 'supply', [number[], number[]]>
    let same = sameItem
    for (const measure of ['demand', 'supply'] as const) {
      const unchanged = sameRow(from, to, measure, sku)
      same &&= unchanged
      const a = from.readRow(measure, sku)
      const b = unchanged ? a : to.readRow(measure, sku)
      rows[measure] = [a, b]
      const familyKey = `${item.family}\u0000${measure}`
      const siteKey = `${item.site}\u0000${measure}`
      if (!totals.has(familyKey))
        totals.set(familyKey, { family: item.family, measure, from: 0, to: 0 })
      if (!sites.has(siteKey)) sites.set(siteKey, { site: item.site, measure, from: 0, to: 0 })
      let sumA = 0
      let sumB = 0
      for (let period = 0; period < count; period++) {
        const before = a[period] ?? 0
        const after = b[period] ?? 0
        sumA += before
        sumB += after
        if (!unchanged && before !== after)
          cells.push({ measure, key: sku, period, from: before, to: after })
      }
      add(totals, familyKey, sumA, sumB)
      add(sites, siteKey, sumA, sumB)
    }
    if (same) judgeSku(sides, sku, itemA, rows.demand[0]!, rows.supply[0]!, false)
    else
      sides.forEach((side, i) =>
        judgeSku([side], sku, i === 0 ? itemA : itemB, rows.demand[i]!, rows.supply[i]!, true),
      )
  }
  const resources = [...new Set([...from.capacity.keys(), ...to.capacity.keys()])].sort()
  const capacity: ResourceLoadDiff[] = []
  for (const resource of resources) {
    const a = from.readRow('capacity', resource)
    const b = to.readRow('capacity', resource)
    const familyKey = `${resource}\u0000capacity`
    totals.set(familyKey, { family: resource, measure: 'capacity', from: 0, to: 0 })
    const site = from.readMeta().resources.find((r) => r.id === resource)?.site ?? ''
    const siteKey = `${site}\u0000capacity`
    if (!sites.has(siteKey)) sites.set(siteKey, { site, measure: 'capacity', from: 0, to: 0 })
    let sumA = 0
    let sumB = 0
    for (let period = 0; period < count; period++) {
      const before = a[period] ?? 0
      const after = b[period] ?? 0
      sumA += before
      sumB += after
      if (before !== after)
        cells.push({ measure: 'capacity', key: resource, period, from: before, to: after })
    }
    add(totals, familyKey, sumA, sumB)
    add(sites, siteKey, sumA, sumB)
    const loads = [a, b].map((available, i) => {
      const required = sides[i]!.required.get(resource) ?? []
      return Array.from({ length: count }, (_, t) => {
        const need = required[t] ?? 0
        const cap = available[t] ?? 0
        return cap > 0 ? need / cap : need > 0 ? null : 0
      })
    })
    const over = (value: number | null) => value === null || value > 1
    loads.forEach((load, i) =>
      load.forEach((value, period) => {
        if (over(value)) mark(sides[i]!, 'overCapacity', resource, period)
      }),
    )
    capacity.push({
      resource,
      from: loads[0]!,
      to: loads[1]!,
      overFrom: loads[0]!.filter(over).length,
      overTo: loads[1]!.filter(over).length,
    })
  }
  const [onlyFrom, onlyFromCount] = difference(sides[0].gaps, sides[1].gaps)
  const [onlyTo, onlyToCount] = difference(sides[1].gaps, sides[0].gaps)
  cells.sort(
    (x, y) => compareText(x.measure, y.measure) || compareText(x.key, y.key) || x.period - y.period,
  )
  const priced = sides[0].money.priced || sides[1].money.priced
  return {
    cells,
    totals: [...totals.values()].filter((t) => t.from !== t.to),
    siteTotals: [...sites.values()].filter((t) => t.from !== t.to),
    gaps: {
      onlyFrom,
      onlyTo,
      onlyFromCount,
      onlyToCount,
      from: sides[0].counts,
      to: sides[1].counts,
    },
    capacity,
    ...(priced
      ? {
          money: {
            from: moneyOf(sides[0]),
            to: moneyOf(sides[1]),
          },
        }
      : {}),
  }
}

function side(plan: PlanDoc): Side {
  return {
    plan,
    gaps: new Map(),
    counts: { shortage: 0, belowSafetyStock: 0, overCapacity: 0, excess: 0 },
    required: new Map(),
    money: { inventoryValue: 0, revenueAtRisk: 0, priced: false },
  }
}

function judgeSku(
  targets: readonly Side[],
  sku: string,
  item: Item | undefined,
  demand: number[],
  supply: number[],
  record: boolean,
): void {
  if (!item || item.retired) return
  const note = (kind: GapKind, period: number) => {
    for (const s of targets) {
      if (record) mark(s, kind, sku, period)
      else s.counts[kind]++
    }
  }
  const projected = projectedInventory(item.openingStock, supply, demand)
  projected.forEach((stock, period) => {
    if (stock < 0) note('shortage', period)
    else if (stock < item.safetyStock) note('belowSafetyStock', period)
    else if (item.maxStock > 0 && stock > item.maxStock) note('excess', period)
  })
  for (const s of targets) {
    if (item.resource) {
      const required = s.required.get(item.resource) ?? new Array<number>(supply.length).fill(0)
      for (let t = 0; t < supply.length; t++) required[t] = (required[t] ?? 0) + supply[t]!
      s.required.set(item.resource, required)
    }
  }
  if (item.price !== undefined || item.unitCost !== undefined) {
    const money = skuMoney({
      sku,
      family: item.family,
      site: item.site,
      price: item.price ?? 0,
      unitCost: item.unitCost ?? 0,
      openingStock: item.openingStock,
      demand,
      supply,
    })
    for (const s of targets) {
      s.money.priced = true
      s.money.inventoryValue += money.inventoryValue
      s.money.revenueAtRisk += money.revenueAtRisk
    }
  }
}

/**
 * True when both plans hold a row unchanged: the same base array (bases are written whole and
 * never edited, so the same first item and length mean the same values) and the same overlay.
 */
function sameRow(from: PlanDoc, to: PlanDoc, measure: 'demand' | 'supply', key: string): boolean {
  const a = from.row(measure, key)
  const b = to.row(measure, key)
  if (!a || !b || a.base.length !== b.base.length || a.edits.size !== b.edits.size) return false
  const first = a.base._start?.id
  const other = b.base._start?.id
  if (!first || !other || first.client !== other.client || first.clock !== other.clock) return false
  let same = true
  a.edits.forEach((value, period) => {
    if (same && b.edits.get(period) !== value) same = false
  })
  return same
}

function mark(s: Side, kind: GapKind, key: string, period: number): void {
  const row = kind === 'overCapacity' ? 'resource' : 'sku'
  s.gaps.set(`${row}\u0000${key}\u0000${period}`, { kind, key, period })
  s.counts[kind]++
}

/** The gap cells of `a` that `b` has not, or has of another kind; at most GAP_CELL_LIMIT. */
function difference(a: Map<string, GapCell>, b: Map<string, GapCell>): [GapCell[], number] {
  const cells: GapCell[] = []
  let count = 0
  for (const [place, cell] of a) {
    if (b.get(place)?.kind === cell.kind) continue
    count++
    if (cells.length < GAP_CELL_LIMIT) cells.push(cell)
  }
  return [cells, count]
}

function moneyOf(s: Side): { inventoryValue: number; revenueAtRisk: number } {
  return { inventoryValue: s.money.inventoryValue, revenueAtRisk: s.money.revenueAtRisk }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
