import { describe, expect, it } from 'vitest'
import { comparePlans } from '../compare-plans.js'
import { createPlanDoc } from '../create-plan-doc.js'
import type { PlanInput } from '../plan-input.js'
import { executiveSummary } from './executive-summary.js'
import type { NamedPricedSku } from './priced-skus.js'
import { pricedSkus } from './priced-skus.js'
import { summaryChanges } from './summary-changes.js'

const sku = (fields: Partial<NamedPricedSku> & { sku: string }): NamedPricedSku => ({
  name: '',
  family: 'F',
  site: 'S1',
  price: 0,
  unitCost: 0,
  openingStock: 0,
  safetyStock: 0,
  demand: [],
  supply: [],
  ...fields,
})

// Worked by hand:
// A: PI −10, −20, 10 → revenue 900, end stock 10 × 4 = 40, deepest shortage 20 × 10 = 200.
// B: PI 90, 70, 40 → revenue 60 × 5 = 300, 40 × 2 = 80, no shortage.
// C: PI −5, −10, −15, no price → revenue 0, no stock, 15 units short worth 0.
const A = sku({
  sku: 'A',
  price: 10,
  unitCost: 4,
  openingStock: 20,
  demand: [30, 30, 30],
  supply: [0, 20, 60],
})
const B = sku({
  sku: 'B',
  site: 'S2',
  price: 5,
  unitCost: 2,
  openingStock: 100,
  demand: [10, 20, 30],
  supply: [0, 0, 0],
})
const C = sku({ sku: 'C', family: 'G', unitCost: 1, demand: [5, 5, 5], supply: [0, 0, 0] })

describe('executiveSummary', () => {
  const summary = executiveSummary([A, B, C], 7)

  it('totals revenue, inventory value and revenue at risk', () => {
    expect(summary.totals).toMatchObject({
      key: '',
      skus: 3,
      demandUnits: 165,
      supplyUnits: 80,
      revenuePlanned: 1200,
      inventoryValue: 120,
      revenueAtRisk: 200,
    })
    expect(summary.unpriced).toBe(1)
  })

  it('recomputes days of supply from the group totals, never averaging', () => {
    // Stock after period 0: 0 + 90 + 0 = 90; demand ahead 55 + 65 over 14 days → 90 / (120/14).
    expect(summary.totals.daysOfSupply).toBeCloseTo(10.5, 10)
    const [f, g] = summary.byFamily
    // F: 90 / ((50 + 60) / 14) = 11.4545…; G: no stock, demand ahead → 0 days.
    expect(f).toMatchObject({ key: 'F', skus: 2, revenuePlanned: 1200, revenueAtRisk: 200 })
    expect(f.daysOfSupply).toBeCloseTo((90 * 14) / 110, 10)
    expect(g).toMatchObject({ key: 'G', skus: 1, revenuePlanned: 0, daysOfSupply: 0 })
  })

  it('groups by site only when the SKUs name more than one', () => {
    expect(summary.bySite?.map((s) => [s.key, s.revenuePlanned, s.inventoryValue])).toEqual([
      ['S1', 900, 40],
      ['S2', 300, 80],
    ])
    expect(executiveSummary([A, C], 7).bySite).toBeUndefined()
  })

  it('lists shortages by revenue at risk, then units short', () => {
    expect(summary.topGaps).toEqual([
      {
        sku: 'A',
        name: '',
        family: 'F',
        site: 'S1',
        firstPeriod: 0,
        lastPeriod: 1,
        unitsShort: 20,
        revenueAtRisk: 200,
      },
      {
        sku: 'C',
        name: '',
        family: 'G',
        site: 'S1',
        firstPeriod: 0,
        lastPeriod: 2,
        unitsShort: 15,
        revenueAtRisk: 0,
      },
    ])
    expect(executiveSummary([A, B, C], 7, 1)).toMatchObject({
      gapCount: 2,
      topGaps: [{ sku: 'A' }],
    })
  })

  it('values each period for the charts', () => {
    expect(summary.revenueByPeriod).toEqual([350, 400, 450])
    expect(summary.inventoryValueByPeriod).toEqual([180, 140, 120])
  })

  it('has no days of supply for an empty plan', () => {
    const empty = executiveSummary([], 7)
    expect(empty.totals).toMatchObject({ skus: 0, revenuePlanned: 0, daysOfSupply: null })
    expect(empty.byFamily).toEqual([])
  })
})

describe('summaryChanges', () => {
  it('says what moved since the consensus, by family, in money and units', () => {
    const before = executiveSummary([A, B, C], 7)
    // A's last demand 30 → 40: revenue +100; PI −10, −20, 0 → no end stock, same risk.
    const A2 = { ...A, demand: [30, 30, 40] }
    const after = executiveSummary([A2, B, C], 7)
    const comparison = {
      cells: [{ measure: 'demand' as const, key: 'A', period: 2, from: 30, to: 40 }],
      totals: [{ family: 'F', measure: 'demand' as const, from: 150, to: 160 }],
    }
    const changes = summaryChanges(before, after, comparison, () => 'F')
    expect(changes.totals).toEqual({
      family: '',
      revenue: { from: 1200, to: 1300 },
      revenueAtRisk: { from: 200, to: 200 },
      inventoryValue: { from: 120, to: 80 },
      demand: { from: 165, to: 175 },
      supply: { from: 80, to: 80 },
      cells: 1,
    })
    expect(changes.families).toEqual([
      {
        family: 'F',
        revenue: { from: 1200, to: 1300 },
        revenueAtRisk: { from: 200, to: 200 },
        inventoryValue: { from: 120, to: 80 },
        demand: { from: 150, to: 160 },
        supply: { from: 80, to: 80 },
        cells: 1,
      },
    ])
  })
})

describe('pricedSkus', () => {
  const input: PlanInput = {
    meta: {
      name: 'Money',
      periodKind: 'week',
      firstPeriod: '2026-11-30',
      periodCount: 3,
      frozenThrough: -1,
      status: 'draft',
      unit: 'cs',
      maxValue: 1e9,
      decimals: 0,
      resources: [],
    },
    items: [
      { ...item('A'), price: 10, unitCost: 4, openingStock: 20 },
      { ...item('B'), retired: true, price: 99 },
      item('C'),
    ],
    demand: { A: [30, 30, 30], B: [1, 1, 1], C: [5, 5, 5] },
    supply: { A: [0, 20, 60], B: [0, 0, 0], C: [0, 0, 0] },
    capacity: {},
  }

  it('reads active SKUs with their price (0 when not known), the same figures as by hand', () => {
    const plan = createPlanDoc(input)
    const skus = pricedSkus(plan)
    expect(skus.map((s) => [s.sku, s.price, s.unitCost])).toEqual([
      ['A', 10, 4],
      ['C', 0, 0],
    ])
    expect(executiveSummary(skus, 7).totals).toMatchObject({
      revenuePlanned: 900,
      inventoryValue: 40,
      revenueAtRisk: 200,
    })
  })

  it('feeds summaryChanges from comparePlans of a version and the live plan', () => {
    const version = createPlanDoc(input)
    const live = createPlanDoc(input)
    live.writeCell('demand', 'A', 2, 40)
    const changes = summaryChanges(
      executiveSummary(pricedSkus(version), 7),
      executiveSummary(pricedSkus(live), 7),
      comparePlans(version, live),
      (key) => live.readItem(key)?.family ?? '',
    )
    expect(changes.totals).toMatchObject({ revenue: { from: 900, to: 1000 }, cells: 1 })
    expect(changes.families.map((f) => f.family)).toEqual(['Juice'])
  })
})

function item(sku: string) {
  return {
    sku,
    name: `${sku} name`,
    family: 'Juice',
    site: '',
    unit: 'cs',
    openingStock: 0,
    safetyStock: 0,
    maxStock: 0,
    resource: '',
  }
}
