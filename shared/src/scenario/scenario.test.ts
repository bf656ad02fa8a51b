import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import type { PlanInput } from '../plan-input.js'
import { PlanDoc } from '../plan-doc.js'
import { compareScenario } from './compare-scenario.js'
import { MEASURES } from '../roots.js'
import { writeProposedSupply } from '../supply-proposal/write-proposed-supply.js'
import { scenarioChanges } from './scenario-changes.js'

function input(): PlanInput {
  const item = (sku: string, family: string, site: string) => ({
    sku,
    name: sku,
    family,
    site,
    unit: 'cs',
    openingStock: 10,
    safetyStock: 5,
    maxStock: 0,
    resource: 'L1',
  })
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
    items: [item('A', 'Juice', 'SH'), { ...item('B', 'Tea', 'BJ'), price: 2, unitCost: 1 }],
    // A: 10 − 20 → −10 (short) … ; B stays at 10.
    demand: { A: [20, 0, 0], B: [0, 0, 0] },
    supply: { A: [0, 0, 0], B: [0, 0, 0] },
    capacity: { L1: [10, 10, 10] },
  }
}

/** An independent copy of a plan, as a scenario is: the same state, its own document. */
function copy(plan: PlanDoc, clientID: number): PlanDoc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc))
  return new PlanDoc(doc)
}

function base(): PlanDoc {
  const plan = createPlanDoc(input())
  plan.doc.clientID = 1
  return plan
}

describe('compareScenario', () => {
  it('shows the cells changed, totals by family and site, the gaps closed and capacity load', () => {
    const plan = base()
    const scenario = copy(plan, 2)
    scenario.writeCell('supply', 'A', 0, 15)
    const comparison = compareScenario(plan, scenario)
    expect(comparison.cells).toEqual([{ measure: 'supply', key: 'A', period: 0, from: 0, to: 15 }])
    expect(comparison.totals).toEqual([{ family: 'Juice', measure: 'supply', from: 0, to: 15 }])
    expect(comparison.siteTotals).toEqual([{ site: 'SH', measure: 'supply', from: 0, to: 15 }])
    // A was short in every period (−10); now 5, 5, 5: at safety stock, no gap.
    expect(comparison.gaps.from.shortage).toBe(3)
    expect(comparison.gaps.to.shortage).toBe(0)
    expect(comparison.gaps.onlyFrom.map((g) => [g.kind, g.key, g.period])).toEqual([
      ['shortage', 'A', 0],
      ['shortage', 'A', 1],
      ['shortage', 'A', 2],
    ])
    // 15 on a line of 10 in period 0 is over capacity: a gap the scenario opened.
    expect(comparison.gaps.onlyTo).toEqual([{ kind: 'overCapacity', key: 'L1', period: 0 }])
    expect(comparison.capacity).toEqual([
      { resource: 'L1', from: [0, 0, 0], to: [1.5, 0, 0], overFrom: 0, overTo: 1 },
    ])
  })

  it('gives money where SKUs have prices, and none where no SKU has one', () => {
    const plan = base()
    const scenario = copy(plan, 2)
    scenario.writeCell('demand', 'B', 1, 30)
    // B: 10 stock, 30 demand → −20 at price 2 = 40 at risk; no stock left.
    expect(compareScenario(plan, scenario).money).toEqual({
      from: { inventoryValue: 10, revenueAtRisk: 0 },
      to: { inventoryValue: 0, revenueAtRisk: 40 },
    })
    const unpriced = createPlanDoc({
      ...input(),
      items: input().items.map(({ price: _p, unitCost: _c, ...item }) => item),
    })
    expect(compareScenario(unpriced, unpriced).money).toBeUndefined()
  })
})

describe('compareScenario on rows rewritten whole', () => {
  it('compares a row whose base was replaced (a supply proposal), not only overlays', () => {
    const plan = base()
    const scenario = copy(plan, 2)
    writeProposedSupply(scenario, {
      supply: { A: [25, 0, 0] },
      changes: [],
      unmet: [],
      load: {},
    })
    const comparison = compareScenario(plan, scenario)
    expect(comparison.cells).toEqual([{ measure: 'supply', key: 'A', period: 0, from: 0, to: 25 }])
    expect(comparison.gaps.to.shortage).toBe(0)
    expect(comparison.gaps.from.shortage).toBe(3)
    // B is the same in both: counted on each side, listed on neither.
    expect(comparison.gaps.onlyFrom.every((cell) => cell.key === 'A')).toBe(true)
  })
})

describe('scenarioChanges', () => {
  it('lists the scenario’s changes, and as conflicts the cells the base changed to another value', () => {
    const plan = base()
    const branch = copy(plan, 9)
    const scenario = copy(plan, 2)
    scenario.writeCell('supply', 'A', 0, 15)
    scenario.writeCell('supply', 'A', 1, 7)
    scenario.writeCell('supply', 'B', 2, 4)
    scenario.writeCell('demand', 'A', 2, 1)
    plan.writeCell('supply', 'A', 1, 8) // conflict: base 8, scenario 7
    plan.writeCell('supply', 'B', 2, 4) // the same value: nothing to do
    plan.writeCell('supply', 'B', 0, 3) // the base alone: no conflict
    const all = scenarioChanges(branch, plan, scenario, MEASURES)
    expect(all.changes.map((c) => [c.measure, c.key, c.period, c.scenario])).toEqual([
      ['demand', 'A', 2, 1],
      ['supply', 'A', 0, 15],
      ['supply', 'A', 1, 7],
    ])
    expect(all.conflicts).toEqual([
      { measure: 'supply', key: 'A', period: 1, branch: 0, base: 8, scenario: 7 },
    ])
    const supplyOnly = scenarioChanges(branch, plan, scenario, ['supply', 'capacity'])
    expect(supplyOnly.changes.map((c) => c.measure)).toEqual(['supply', 'supply'])
  })
})
