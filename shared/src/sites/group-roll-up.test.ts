import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import type { Item } from '../item.js'
import type { PlanInput } from '../plan-input.js'
import { PlanModel } from '../plan-model.js'
import { writeTransfer } from '../transfers/write-transfer.js'
import { groupRollUp } from './group-roll-up.js'

function item(sku: string, site: string, openingStock: number): Item {
  return {
    sku,
    name: sku,
    family: 'F',
    site,
    unit: 'cs',
    openingStock,
    safetyStock: 0,
    maxStock: 0,
    resource: '',
  }
}

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

describe('groupRollUp', () => {
  it('moves stock between two sites and keeps the total of both exact while in transit', () => {
    const plan = createPlanDoc(twoSites(), new Y.Doc({ gc: false }))
    const model = new PlanModel(plan)
    const both = groupRollUp(model, ['A-SH', 'A-HAM'], 5).projected
    writeTransfer(plan, 'T1', {
      fromSku: 'A-SH',
      toSku: 'A-HAM',
      period: 1,
      leadTime: 2,
      quantity: 30,
    })
    const shanghai = groupRollUp(model, ['A-SH'], 5)
    const hamburg = groupRollUp(model, ['A-HAM'], 5)
    expect(shanghai.projected).toEqual([90, 50, 40, 30, 20])
    expect(hamburg.projected).toEqual([-5, -10, -15, 10, 5])
    expect(shanghai.inTransit).toEqual([0, 0, 0, 0, 0])
    const total = groupRollUp(model, ['A-SH', 'A-HAM'], 5)
    expect(total.projected).toEqual(both)
    expect(total.projected).toEqual(model.totals().projected)
    expect(total.inTransit).toEqual([0, 30, 30, 0, 0])
    expect(total.demand).toEqual(model.totals().demand)
    expect(total.skuCount).toBe(2)
    expect(total.gapCount).toBe(model.totals().gapCount)
  })

  it('counts a SKU listed twice once, and skips SKUs the plan does not hold', () => {
    const plan = createPlanDoc(twoSites(), new Y.Doc({ gc: false }))
    const model = new PlanModel(plan)
    const once = groupRollUp(model, ['A-SH', 'A-SH', 'NOPE'], 5)
    expect(once.skuCount).toBe(1)
    expect(once.demand).toEqual([10, 10, 10, 10, 10])
  })
})
