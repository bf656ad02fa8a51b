import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import type { Item } from '../item.js'
import type { PlanInput } from '../plan-input.js'
import { PlanModel } from '../plan-model.js'
import { cancelTransfer, writeTransfer } from './write-transfer.js'

function item(sku: string, site: string, openingStock: number): Item {
  return {
    sku,
    name: sku,
    family: 'F',
    site,
    unit: 'cs',
    openingStock,
    safetyStock: 10,
    maxStock: 0,
    resource: '',
  }
}

/** The same product at two sites: SH holds stock, HAM is short without a transfer. */
function twoSites(): PlanInput {
  return {
    meta: {
      name: 'Two sites',
      periodKind: 'week',
      firstPeriod: '2026-11-30',
      periodCount: 5,
      frozenThrough: -1,
      status: 'draft',
      unit: 'cs',
      maxValue: 1_000_000,
      decimals: 0,
      resources: [],
      sites: [
        { id: 'SH', name: 'Shanghai', country: 'China' },
        { id: 'HAM', name: 'Hamburg', country: 'Germany' },
      ],
    },
    items: [item('A-SH', 'SH', 100), item('A-HAM', 'HAM', 0)],
    demand: { 'A-SH': [10, 10, 10, 10, 10], 'A-HAM': [5, 5, 5, 5, 5] },
    supply: { 'A-SH': [0, 0, 0, 0, 0], 'A-HAM': [0, 0, 0, 0, 0] },
    capacity: {},
  }
}

const SHIP = { fromSku: 'A-SH', toSku: 'A-HAM', period: 1, leadTime: 2, quantity: 30 }

describe('PlanModel with transfers', () => {
  it('moves projected inventory at both sites, and the network total does not change', () => {
    const plan = createPlanDoc(twoSites(), new Y.Doc({ gc: false }))
    const model = new PlanModel(plan)
    const before = model.totals()
    expect(model.sku('A-HAM')?.gaps.map((g) => g.kind)).toEqual(['shortage'])
    writeTransfer(plan, 'T1', SHIP)
    expect(model.sku('A-SH')?.projected).toEqual([90, 50, 40, 30, 20])
    expect(model.sku('A-SH')?.transferOut).toEqual([0, 30, 0, 0, 0])
    expect(model.sku('A-HAM')?.projected).toEqual([-5, -10, -15, 10, 5])
    expect(model.sku('A-HAM')?.transferIn).toEqual([0, 0, 0, 30, 0])
    expect(model.sku('A-HAM')?.gaps.map((g) => [g.kind, g.firstPeriod, g.lastPeriod])).toEqual([
      ['shortage', 0, 2],
      ['belowSafetyStock', 4, 4],
    ])
    const after = model.totals()
    expect(after.demand).toEqual(before.demand)
    expect(after.supply).toEqual(before.supply)
    expect(after.inTransit).toEqual([0, 30, 30, 0, 0])
    expect(after.projected).toEqual(before.projected)
    expect(after.projected).toEqual([85, 70, 55, 40, 25])
    expect(after.transferIn).toEqual([0, 0, 0, 30, 0])
    expect(after.transferOut).toEqual([0, 30, 0, 0, 0])
    expect(model.transfersOf('A-HAM')).toEqual([['T1', SHIP]])
  })

  it('recomputes only the two SKUs of a changed transfer, and forgets a cancelled one', () => {
    const plan = createPlanDoc(twoSites())
    const model = new PlanModel(plan)
    writeTransfer(plan, 'T1', SHIP)
    const counted = model.recomputeCounts.sku
    writeTransfer(plan, 'T1', { ...SHIP, leadTime: 0 })
    expect(model.recomputeCounts.sku - counted).toBe(2)
    expect(model.sku('A-HAM')?.projected).toEqual([-5, 20, 15, 10, 5])
    cancelTransfer(plan, 'T1')
    expect(model.sku('A-SH')?.projected).toEqual([90, 80, 70, 60, 50])
    expect(model.sku('A-HAM')?.projected).toEqual([-5, -10, -15, -20, -25])
    expect(model.totals().inTransit).toEqual([0, 0, 0, 0, 0])
    expect(model.transferList()).toEqual([])
  })

  it('stops a transfer whose SKU is retired, at both ends', () => {
    const plan = createPlanDoc(twoSites())
    const model = new PlanModel(plan)
    writeTransfer(plan, 'T1', SHIP)
    plan.items.get('A-HAM')?.set('retired', true)
    expect(model.sku('A-SH')?.projected).toEqual([90, 80, 70, 60, 50])
    expect(model.totals().inTransit).toEqual([0, 0, 0, 0, 0])
  })

  it("keeps a family's stock while it travels between two of its SKUs, and moves it between families", () => {
    const plan = createPlanDoc(twoSites())
    const model = new PlanModel(plan)
    const before = model.family('F')?.projected
    writeTransfer(plan, 'T1', SHIP)
    const family = model.family('F')
    expect(family?.projected).toEqual(before)
    expect(family?.projected).toEqual([85, 70, 55, 40, 25])
    // the shortage row still shows what each site lacks, transit or not
    expect(family?.shortage).toEqual([-5, -10, -15, 0, 0])
    expect(model.totals().projected).toEqual([85, 70, 55, 40, 25])

    // another family at Hamburg: while it travels, the stock is neither family's, only the total's
    plan.items.get('A-HAM')?.set('family', 'G')
    expect(model.family('F')?.projected).toEqual([90, 50, 40, 30, 20])
    expect(model.family('G')?.projected).toEqual([-5, -10, -15, 10, 5])
    expect(model.totals().projected).toEqual([85, 70, 55, 40, 25])
  })
})
