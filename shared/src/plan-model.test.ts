import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from './create-plan-doc.js'
import type { Item } from './item.js'
import { PlanDoc } from './plan-doc.js'
import type { PlanInput } from './plan-input.js'
import type { ModelChange } from './plan-model.js'
import { PlanModel } from './plan-model.js'

function item(sku: string, family: string, resource: string, stock: Partial<Item>): Item {
  return {
    sku,
    name: sku,
    family,
    site: 'SH',
    unit: 'cs',
    openingStock: 0,
    safetyStock: 0,
    maxStock: 0,
    resource,
    ...stock,
  }
}

/**
 * Three SKUs in two families on two lines, small enough to compute by hand:
 * A: PI 5, 10, 5, 0 (below safety stock 5 in period 3)
 * B: PI 5, -5, -5, -5 (short from period 1)
 * C: PI 60, 70, 70, 70 (above maximum stock 60 from period 1)
 * R1 loads 50%, 100%, 0, 0; R2 loads 200% in period 0.
 */
function handPlan(): PlanInput {
  return {
    meta: {
      name: 'Hand',
      periodKind: 'week',
      firstPeriod: '2026-11-30',
      periodCount: 4,
      frozenThrough: -1,
      status: 'draft',
      unit: 'cs',
      maxValue: 1_000_000,
      decimals: 0,
      resources: [
        { id: 'R1', name: 'Line 1', site: 'SH' },
        { id: 'R2', name: 'Line 2', site: 'SH' },
      ],
    },
    items: [
      item('A', 'F1', 'R1', { openingStock: 10, safetyStock: 5, maxStock: 100 }),
      item('B', 'F1', 'R1', {}),
      item('C', 'F2', 'R2', { openingStock: 50, safetyStock: 10, maxStock: 60 }),
    ],
    demand: { A: [5, 5, 5, 5], B: [0, 10, 0, 0], C: [0, 0, 0, 0] },
    supply: { A: [0, 10, 0, 0], B: [5, 0, 0, 0], C: [10, 10, 0, 0] },
    capacity: { R1: [10, 10, 10, 10], R2: [5, 20, 1, 0] },
  }
}

function setup() {
  const plan = createPlanDoc(handPlan())
  const model = new PlanModel(plan)
  const changes: ModelChange[] = []
  model.onChange((change) => changes.push(change))
  const counts = () => ({ ...model.recomputeCounts })
  const since = (before: { sku: number; family: number; resource: number }) => ({
    sku: model.recomputeCounts.sku - before.sku,
    family: model.recomputeCounts.family - before.family,
    resource: model.recomputeCounts.resource - before.resource,
  })
  return { plan, model, changes, counts, since }
}

function itemMap(plan: PlanDoc, sku: string): Y.Map<unknown> {
  const map = plan.items.get(sku)
  if (!map) throw new Error(`no item ${sku}`)
  return map
}

describe('PlanModel: derived values', () => {
  it('projects inventory for each SKU', () => {
    const { model } = setup()
    expect(model.sku('A')?.projected).toEqual([5, 10, 5, 0])
    expect(model.sku('B')?.projected).toEqual([5, -5, -5, -5])
    expect(model.sku('C')?.projected).toEqual([60, 70, 70, 70])
    expect(model.sku('A')?.demand).toEqual([5, 5, 5, 5])
    expect(model.sku('nope')).toBeUndefined()
  })

  it('finds each SKU’s gaps', () => {
    const { model } = setup()
    const summary = (sku: string) =>
      model.sku(sku)?.gaps.map((g) => [g.kind, g.firstPeriod, g.lastPeriod, g.worst])
    expect(summary('A')).toEqual([['belowSafetyStock', 3, 3, 5]])
    expect(summary('B')).toEqual([['shortage', 1, 3, 5]])
    expect(summary('C')).toEqual([['excess', 1, 3, 10]])
  })

  it('rolls SKUs up into families', () => {
    const { model } = setup()
    expect(model.family('F1')).toEqual({
      family: 'F1',
      skus: ['A', 'B'],
      demand: [5, 15, 5, 5],
      supply: [5, 10, 0, 0],
      transferIn: [0, 0, 0, 0],
      transferOut: [0, 0, 0, 0],
      projected: [10, 5, 0, -5],
      shortage: [0, -5, -5, -5],
      short: [0, 1, 1, 1],
      gapCount: 2,
    })
    expect(model.family('F2')?.skus).toEqual(['C'])
    expect(model.totals()).toMatchObject({
      projected: [70, 75, 70, 65],
      shortage: [0, -5, -5, -5],
      short: [0, 1, 1, 1],
    })
    expect(
      model
        .families()
        .map((f) => f.family)
        .sort(),
    ).toEqual(['F1', 'F2'])
  })

  it('loads each resource with the supply of its SKUs', () => {
    const { model } = setup()
    expect(model.resource('R1')).toMatchObject({
      capacity: [10, 10, 10, 10],
      required: [5, 10, 0, 0],
      load: [0.5, 1, 0, 0],
    })
    expect(model.resource('R1')?.gaps).toEqual([])
    expect(model.resource('R2')?.load).toEqual([2, 0.5, 0, 0])
    expect(model.resource('R2')?.gaps.map((g) => [g.kind, g.firstPeriod, g.severity])).toEqual([
      ['overCapacity', 0, 'high'],
    ])
    expect(
      model
        .allGaps()
        .map((g) => `${g.kind}:${g.key}`)
        .sort(),
    ).toEqual(['belowSafetyStock:A', 'excess:C', 'overCapacity:R2', 'shortage:B'])
  })
})

describe('PlanModel: incremental recomputation', () => {
  it('computes everything once on construction', () => {
    const { model } = setup()
    expect(model.recomputeCounts).toEqual({ sku: 3, family: 2, resource: 2 })
  })

  it('recomputes one SKU, its family and its resource for one demand cell', () => {
    const { plan, model, counts, since } = setup()
    const before = counts()
    plan.doc.transact(() => plan.writeCell('demand', 'A', 2, 7))
    expect(since(before)).toEqual({ sku: 1, family: 1, resource: 1 })
    expect(model.sku('A')?.projected).toEqual([5, 10, 3, -2])
    expect(model.family('F1')?.demand).toEqual([5, 15, 7, 5])
    expect(model.family('F1')?.projected).toEqual([10, 5, -2, -7])
    expect(model.sku('A')?.gaps.map((g) => g.kind)).toEqual(['belowSafetyStock', 'shortage'])
    expect(model.family('F1')?.gapCount).toBe(3)
  })

  it('recomputes a SKU once for several of its cells in one transaction', () => {
    const { plan, model, counts, since } = setup()
    const before = counts()
    plan.doc.transact(() => {
      plan.writeCell('demand', 'B', 0, 1)
      plan.writeCell('demand', 'B', 1, 1)
      plan.writeCell('supply', 'B', 3, 9)
    })
    expect(since(before)).toEqual({ sku: 1, family: 1, resource: 1 })
    expect(model.sku('B')?.projected).toEqual([4, 3, 3, 12])
    expect(model.resource('R1')?.load).toEqual([0.5, 1, 0, 0.9])
  })

  it('recomputes one SKU per edit when edits arrive in separate transactions', () => {
    const { plan, counts, since } = setup()
    const before = counts()
    plan.writeCell('demand', 'A', 0, 1)
    plan.writeCell('demand', 'A', 1, 1)
    expect(since(before)).toEqual({ sku: 2, family: 2, resource: 2 })
  })

  it('recomputes only the resource for a capacity edit', () => {
    const { plan, model, counts, since } = setup()
    const before = counts()
    plan.writeCell('capacity', 'R1', 1, 5)
    expect(since(before)).toEqual({ sku: 0, family: 0, resource: 1 })
    expect(model.resource('R1')?.load).toEqual([0.5, 2, 0, 0])
    expect(model.resource('R1')?.gaps.map((g) => [g.firstPeriod, g.worst])).toEqual([[1, 1]])
  })

  it('moves a SKU to its new family, recomputing both families', () => {
    const { plan, model, changes, counts, since } = setup()
    const before = counts()
    itemMap(plan, 'A').set('family', 'F2')
    expect(since(before)).toEqual({ sku: 1, family: 2, resource: 1 })
    expect(changes.at(-1)?.families).toEqual(new Set(['F1', 'F2']))
    expect(model.family('F1')?.skus).toEqual(['B'])
    expect(model.family('F1')?.demand).toEqual([0, 10, 0, 0])
    expect(model.family('F2')?.skus).toEqual(['A', 'C'])
    expect(model.family('F2')?.supply).toEqual([10, 20, 0, 0])
  })

  it('drops a family whose last SKU moves away', () => {
    const { plan, model } = setup()
    itemMap(plan, 'C').set('family', 'F1')
    expect(model.family('F2')).toBeUndefined()
    expect(model.family('F1')?.skus).toEqual(['A', 'B', 'C'])
  })

  it('moves a SKU’s load when it moves to another resource', () => {
    const { plan, model, counts, since } = setup()
    const before = counts()
    itemMap(plan, 'B').set('resource', 'R2')
    expect(since(before)).toEqual({ sku: 1, family: 1, resource: 2 })
    expect(model.resource('R1')?.load).toEqual([0, 1, 0, 0])
    expect(model.resource('R2')?.load).toEqual([3, 0.5, 0, 0])
  })

  it('reprojects a SKU when its opening stock changes', () => {
    const { plan, model } = setup()
    itemMap(plan, 'B').set('openingStock', 10)
    expect(model.sku('B')?.projected).toEqual([15, 5, 5, 5])
    expect(model.sku('B')?.gaps).toEqual([])
    expect(model.family('F1')?.gapCount).toBe(1)
  })

  it('recomputes nothing for a change that touches no SKU or resource', () => {
    const { plan, changes, counts, since } = setup()
    const before = counts()
    plan.meta.set('name', 'Renamed')
    plan.meta.set('frozenThrough', 1)
    expect(since(before)).toEqual({ sku: 0, family: 0, resource: 0 })
    expect(changes).toEqual([])
  })
})

describe('PlanModel: change notifications', () => {
  it('tells listeners which SKUs, families and resources changed', () => {
    const { plan, changes } = setup()
    plan.writeCell('supply', 'C', 2, 4)
    expect(changes).toEqual([
      { skus: new Set(['C']), families: new Set(['F2']), resources: new Set(['R2']) },
    ])
    plan.writeCell('capacity', 'R1', 0, 1)
    expect(changes[1]).toEqual({ skus: new Set(), families: new Set(), resources: new Set(['R1']) })
  })

  it('stops telling a listener after it unsubscribes, and everything after destroy', () => {
    const { plan, model, changes } = setup()
    const second: ModelChange[] = []
    const stop = model.onChange((change) => second.push(change))
    plan.writeCell('demand', 'A', 0, 1)
    stop()
    plan.writeCell('demand', 'A', 0, 2)
    expect(second).toHaveLength(1)
    expect(changes).toHaveLength(2)
    model.destroy()
    plan.writeCell('demand', 'A', 0, 3)
    expect(changes).toHaveLength(2)
    expect(model.sku('A')?.demand[0]).toBe(2)
  })

  it('reacts to remote updates applied with Y.applyUpdate', () => {
    const { plan, model, changes, counts, since } = setup()
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(plan.doc))
    const remotePlan = new PlanDoc(remote)
    const updates: Uint8Array[] = []
    remote.on('update', (update: Uint8Array) => updates.push(update))
    remote.transact(() => {
      remotePlan.writeCell('demand', 'C', 0, 100)
      remotePlan.writeCell('capacity', 'R1', 0, 5)
    })
    const before = counts()
    Y.applyUpdate(plan.doc, updates[0], 'remote')
    expect(since(before)).toEqual({ sku: 1, family: 1, resource: 2 })
    expect(changes).toEqual([
      { skus: new Set(['C']), families: new Set(['F2']), resources: new Set(['R1', 'R2']) },
    ])
    expect(model.sku('C')?.projected).toEqual([-40, -30, -30, -30])
    expect(model.resource('R1')?.load).toEqual([1, 1, 0, 0])
  })

  it('builds itself when the whole plan arrives after it was created on an empty document', () => {
    const doc = new Y.Doc()
    const model = new PlanModel(new PlanDoc(doc))
    const changes: ModelChange[] = []
    model.onChange((change) => changes.push(change))
    expect(model.families()).toEqual([])
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(createPlanDoc(handPlan()).doc))
    expect(model.sku('B')?.projected).toEqual([5, -5, -5, -5])
    expect(model.family('F1')?.skus).toEqual(['A', 'B'])
    expect(model.resource('R2')?.load).toEqual([2, 0.5, 0, 0])
    expect(changes).toHaveLength(1)
    expect(changes[0].skus).toEqual(new Set(['A', 'B', 'C']))
  })

  it('picks up a SKU imported on another document', () => {
    const { plan, model, changes } = setup()
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(plan.doc))
    const remotePlan = new PlanDoc(remote)
    remote.transact(() => {
      const map = new Y.Map<unknown>()
      for (const [field, value] of Object.entries(item('D', 'F3', 'R2', { openingStock: 3 }))) {
        if (field !== 'sku') map.set(field, value)
      }
      remotePlan.items.set('D', map)
      for (const measure of ['demand', 'supply'] as const) {
        const row = new Y.Map<unknown>()
        const base = new Y.Array<number>()
        base.insert(0, measure === 'demand' ? [1, 1, 1, 1] : [0, 0, 0, 0])
        row.set('base', base)
        row.set('edits', new Y.Map<number>())
        remotePlan.measureRoot(measure).set('D', row)
      }
    })
    Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(plan.doc)))
    expect(model.sku('D')?.projected).toEqual([2, 1, 0, -1])
    expect(model.family('F3')?.skus).toEqual(['D'])
    expect(changes.at(-1)).toEqual({
      skus: new Set(['D']),
      families: new Set(['F3']),
      resources: new Set(['R2']),
    })
  })
})
