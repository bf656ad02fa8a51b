import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { changedCells, changedCellValues } from '../changed-cells.js'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { writeCells } from './write-cells.js'

const SKU = 'SKU-00001'

function setup() {
  const plan = createPlanDoc(demoPlan({ skuCount: 10, periodCount: 8, seed: 1 }))
  plan.doc.clientID = 1
  const transactions: Y.Transaction[] = []
  plan.doc.on('afterTransaction', (transaction: Y.Transaction) => transactions.push(transaction))
  return { plan, transactions }
}

describe('writeCells', () => {
  it('writes every edit in one transaction under the origin, and reports them as written', () => {
    const { plan, transactions } = setup()
    const origin = { kind: 'test' }
    writeCells(
      plan,
      [
        { measure: 'demand', key: SKU, period: 2, value: 11 },
        { measure: 'supply', key: SKU, period: 3, value: 12 },
      ],
      origin,
    )
    expect(transactions).toHaveLength(1)
    expect(transactions[0].origin).toBe(origin)
    expect(plan.readCell('demand', SKU, 2)).toBe(11)
    expect(changedCells(plan, transactions[0].changed)).toEqual([
      { measure: 'demand', key: SKU, period: 2, value: 11 },
      { measure: 'supply', key: SKU, period: 3, value: 12 },
    ])
  })

  it('skips missing rows and unchanged values; undefined removes the overlay entry', () => {
    const { plan, transactions } = setup()
    const base = plan.readCell('demand', SKU, 4)
    writeCells(plan, [{ measure: 'demand', key: SKU, period: 4, value: base + 5 }])
    writeCells(plan, [
      { measure: 'demand', key: 'SKU-NONE', period: 4, value: 1 },
      { measure: 'demand', key: SKU, period: 4, value: base + 5 },
    ])
    expect(changedCells(plan, transactions[1].changed)).toEqual([])
    writeCells(plan, [{ measure: 'demand', key: SKU, period: 4, value: undefined }])
    expect(plan.readCell('demand', SKU, 4)).toBe(base)
    const removed = transactions[2].changed
    expect(changedCells(plan, removed)).toEqual([
      { measure: 'demand', key: SKU, period: 4, value: undefined },
    ])
    expect(changedCellValues(plan, removed)).toEqual([
      { measure: 'demand', key: SKU, period: 4, value: base },
    ])
  })
})
