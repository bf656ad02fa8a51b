import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import type { PlanInput } from '../plan-input.js'
import { checkCellEdit } from '../rules/check-cell-edit.js'
import { scaleDemand, scaleDemandEdits, shiftLaunch, shiftLaunchEdits } from './what-if.js'

function plan(frozenThrough = -1) {
  const item = (sku: string, family: string) => ({
    sku,
    name: sku,
    family,
    site: 'SH',
    unit: 'cs',
    openingStock: 0,
    safetyStock: 0,
    maxStock: 0,
    resource: '',
  })
  const input: PlanInput = {
    meta: {
      name: 'What if',
      periodKind: 'week',
      firstPeriod: '2026-11-30',
      periodCount: 5,
      frozenThrough,
      status: 'draft',
      unit: 'cs',
      maxValue: 1000,
      decimals: 0,
      resources: [],
    },
    items: [item('A', 'Juice'), item('B', 'Juice'), item('C', 'Tea')],
    demand: { A: [10, 20, 30, 40, 50], B: [1, 1, 1, 1, 1], C: [0, 0, 100, 100, 100] },
    supply: { A: [0, 0, 0, 0, 0], B: [0, 0, 0, 0, 0], C: [0, 0, 90, 90, 0] },
    capacity: {},
  }
  const doc = createPlanDoc(input)
  doc.doc.clientID = 1
  return doc
}

describe('what-if helpers', () => {
  it('scales a family by a percentage, rounded to the plan’s decimals, frozen periods left alone', () => {
    const p = plan(0)
    const edits = scaleDemandEdits(p, { kind: 'family', family: 'Juice' }, { percent: 25 })
    // A: 20→25, 30→37.5→38, 40→50, 50→62.5→63 ; B: 1→1.25→1 (unchanged, left out)
    expect(edits.map((e) => [e.key, e.period, e.value])).toEqual([
      ['A', 1, 25],
      ['A', 2, 38],
      ['A', 3, 50],
      ['A', 4, 63],
    ])
    for (const edit of edits)
      expect(
        checkCellEdit(p.readMeta(), 'sales', 'demand', edit.key, edit.period, edit.value),
      ).toBeUndefined()
  })

  it('moves a range by an amount, never below zero nor above the largest value', () => {
    const p = plan()
    const down = scaleDemandEdits(
      p,
      { kind: 'skus', skus: ['A', 'B'], fromPeriod: 1, toPeriod: 2 },
      { amount: -25 },
    )
    expect(down.map((e) => [e.key, e.period, e.value])).toEqual([
      ['A', 1, 0],
      ['A', 2, 5],
      ['B', 1, 0],
      ['B', 2, 0],
    ])
    const up = scaleDemandEdits(p, { kind: 'sku', sku: 'C', fromPeriod: 4 }, { amount: 5000 })
    expect(up).toEqual([{ measure: 'demand', key: 'C', period: 4, value: 1000 }])
  })

  it('shifts a launch later and earlier, demand and supply together, inside the horizon', () => {
    const p = plan()
    const later = shiftLaunchEdits(p, 'C', 1)
    expect(later.filter((e) => e.measure === 'demand').map((e) => [e.period, e.value])).toEqual([
      [2, 0],
    ])
    expect(later.filter((e) => e.measure === 'supply').map((e) => [e.period, e.value])).toEqual([
      [2, 0],
      [4, 90],
    ])
    shiftLaunch(p, 'C', -2)
    expect(p.readRow('demand', 'C')).toEqual([100, 100, 100, 0, 0])
    expect(p.readRow('supply', 'C')).toEqual([90, 90, 0, 0, 0])
  })

  it('never writes or reads frozen periods when shifting', () => {
    const p = plan(1)
    shiftLaunch(p, 'A', 1, undefined, ['demand'])
    expect(p.readRow('demand', 'A')).toEqual([10, 20, 0, 30, 40])
  })

  it('is one transaction each, undone in one step', () => {
    const p = plan()
    const origin = { kind: 'local' }
    const undo = new Y.UndoManager([p.demand, p.supply], { trackedOrigins: new Set([origin]) })
    const transactions: Y.Transaction[] = []
    p.doc.on('afterTransaction', (t: Y.Transaction) => transactions.push(t))
    scaleDemand(p, { kind: 'family', family: 'Juice' }, { percent: 100 }, origin)
    expect(transactions).toHaveLength(1)
    expect(p.readRow('demand', 'A')).toEqual([20, 40, 60, 80, 100])
    undo.stopCapturing()
    shiftLaunch(p, 'C', 1, origin)
    expect(transactions).toHaveLength(2)
    undo.undo()
    expect(p.readRow('demand', 'C')).toEqual([0, 0, 100, 100, 100])
    expect(p.readRow('demand', 'A')).toEqual([20, 40, 60, 80, 100])
    undo.undo()
    expect(p.readRow('demand', 'A')).toEqual([10, 20, 30, 40, 50])
  })
})
