import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from './create-plan-doc.js'
import { demoPlan } from './demo-plan.js'
import { observeRow } from './observe-row.js'
import { PlanDoc } from './plan-doc.js'

const SKU = 'SKU-00001'

function setup() {
  const plan = createPlanDoc(demoPlan({ skuCount: 30, periodCount: 8, seed: 1 }))
  const calls: number[][] = []
  const stop = observeRow(plan, 'demand', SKU, (periods) => calls.push(periods))
  return { plan, calls, stop }
}

describe('observeRow', () => {
  it('reports the periods an overlay edit changed, sorted, once per transaction', () => {
    const { plan, calls } = setup()
    plan.writeCell('demand', SKU, 3, 10)
    plan.doc.transact(() => {
      plan.writeCell('demand', SKU, 6, 1)
      plan.writeCell('demand', SKU, 0, 2)
      plan.writeCell('demand', SKU, 6, 3)
    })
    plan.row('demand', SKU)?.edits.delete('3')
    expect(calls).toEqual([[3], [0, 6], [3]])
  })

  it('ignores other rows and other measures of the same SKU', () => {
    const { plan, calls } = setup()
    plan.writeCell('supply', SKU, 3, 10)
    plan.writeCell('demand', 'SKU-00002', 3, 10)
    expect(calls).toEqual([])
  })

  it('reports every period when the base is rewritten', () => {
    const { plan, calls } = setup()
    const base = plan.row('demand', SKU)?.base
    plan.doc.transact(() => {
      base?.delete(0, 8)
      base?.insert(0, [1, 2, 3, 4, 5, 6, 7, 8])
    })
    expect(calls).toEqual([[0, 1, 2, 3, 4, 5, 6, 7]])
  })

  it('reports edits that arrive from another document', () => {
    const { plan, calls } = setup()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(plan.doc))
    new PlanDoc(other).writeCell('demand', SKU, 5, 77)
    Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(plan.doc)))
    expect(calls).toEqual([[5]])
  })

  it('stops reporting after unsubscribe', () => {
    const { plan, calls, stop } = setup()
    plan.writeCell('demand', SKU, 1, 10)
    stop()
    plan.writeCell('demand', SKU, 2, 10)
    plan.row('demand', SKU)?.base.insert(8, [1])
    expect(calls).toEqual([[1]])
  })

  it('throws for a row that does not exist', () => {
    const { plan } = setup()
    expect(() => observeRow(plan, 'capacity', 'NO-LINE', () => {})).toThrow(/NO-LINE/)
  })
})
