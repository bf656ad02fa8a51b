import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { comparePlans } from './compare-plans.js'
import { createPlanDoc } from './create-plan-doc.js'
import type { PlanInput } from './plan-input.js'
import { PlanDoc } from './plan-doc.js'
import { rollForward } from './roll-forward.js'

function input(): PlanInput {
  return {
    meta: {
      name: 'Small',
      periodKind: 'month',
      firstPeriod: '2026-12-01',
      periodCount: 3,
      frozenThrough: -1,
      status: 'draft',
      unit: 'cs',
      maxValue: 1e9,
      decimals: 0,
      resources: [{ id: 'L1', name: 'Line 1', site: 'SH' }],
    },
    items: [
      {
        sku: 'A',
        name: 'A',
        family: 'Juice',
        site: 'SH',
        unit: 'cs',
        openingStock: 50,
        safetyStock: 10,
        maxStock: 0,
        resource: 'L1',
      },
      {
        sku: 'B',
        name: 'B',
        family: 'Juice',
        site: 'SH',
        unit: 'cs',
        openingStock: 0,
        safetyStock: 0,
        maxStock: 0,
        resource: 'L1',
      },
      {
        sku: 'C',
        name: 'C',
        family: 'Tea',
        site: 'SH',
        unit: 'cs',
        openingStock: 5,
        safetyStock: 0,
        maxStock: 0,
        resource: 'L1',
      },
    ],
    demand: { A: [10, 20, 30], B: [1, 1, 1], C: [5, 5, 5] },
    supply: { A: [0, 40, 0], B: [1, 1, 1], C: [0, 0, 0] },
    capacity: { L1: [100, 100, 100] },
  }
}

function copy(plan: PlanDoc): PlanDoc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
  return new PlanDoc(doc)
}

describe('comparePlans', () => {
  it('lists changed cells with old and new values, and the change in totals by family and measure', () => {
    const version = createPlanDoc(input())
    const live = copy(version)
    live.writeCell('demand', 'A', 1, 25)
    live.writeCell('demand', 'B', 2, 4)
    live.writeCell('supply', 'C', 0, 7)
    live.writeCell('capacity', 'L1', 2, 80)
    live.writeCell('demand', 'A', 0, 10)
    const result = comparePlans(version, live)
    expect(result.cells).toEqual([
      { measure: 'demand', key: 'A', period: 1, from: 20, to: 25 },
      { measure: 'demand', key: 'B', period: 2, from: 1, to: 4 },
      { measure: 'supply', key: 'C', period: 0, from: 0, to: 7 },
      { measure: 'capacity', key: 'L1', period: 2, from: 100, to: 80 },
    ])
    expect(result.totals).toEqual([
      { family: 'Juice', measure: 'demand', from: 63, to: 71 },
      { family: 'Tea', measure: 'supply', from: 0, to: 7 },
      { family: 'L1', measure: 'capacity', from: 300, to: 280 },
    ])
  })

  it('finds nothing between identical plans', () => {
    const plan = createPlanDoc(input())
    expect(comparePlans(plan, copy(plan))).toEqual({ cells: [], totals: [] })
  })
})

describe('rollForward', () => {
  it('moves the horizon, shifts values, repeats the last value and rolls opening stock', () => {
    const plan = createPlanDoc(input())
    plan.writeCell('demand', 'A', 2, 33)
    const next = rollForward(plan, 1, 'Next cycle')
    expect(next.meta).toMatchObject({
      name: 'Next cycle',
      firstPeriod: '2027-01-01',
      periodCount: 3,
      frozenThrough: -1,
      status: 'draft',
    })
    expect(next.demand.A).toEqual([20, 33, 33])
    expect(next.supply.A).toEqual([40, 0, 0])
    expect(next.items.find((i) => i.sku === 'A')?.openingStock).toBe(40)
    expect(next.items.find((i) => i.sku === 'C')?.openingStock).toBe(0)
    const rolled = createPlanDoc(next)
    expect(rolled.row('demand', 'A')?.edits.size).toBe(0)
    expect(() => rollForward(plan, 3, 'x')).toThrow(RangeError)
  })
})
