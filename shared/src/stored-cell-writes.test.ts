import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from './create-plan-doc.js'
import { demoPlan } from './demo-plan.js'
import { PlanDoc } from './plan-doc.js'
import type { StoredCellWrite } from './stored-cell-writes.js'
import { storedCellWrites } from './stored-cell-writes.js'

const SKU = 'SKU-00001'

function peers() {
  const server = createPlanDoc(demoPlan({ skuCount: 4, periodCount: 6, seed: 2 }))
  const state = Y.encodeStateAsUpdate(server.doc)
  const peer = (clientID: number) => {
    const doc = new Y.Doc()
    doc.clientID = clientID
    Y.applyUpdate(doc, state)
    return new PlanDoc(doc)
  }
  const writes: StoredCellWrite[][] = []
  server.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    writes.push(storedCellWrites(server, transaction))
  })
  const deliver = (from: PlanDoc, since: Uint8Array) =>
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(from.doc, since))
  return { server, paula: peer(1001), sam: peer(2002), writes, deliver }
}

describe('storedCellWrites', () => {
  it('records each racing writer with the value they typed, and which one the cell kept', () => {
    const { server, paula, sam, writes, deliver } = peers()
    const base = server.readCell('demand', SKU, 2)
    const before = Y.encodeStateVector(server.doc)
    sam.writeCell('demand', SKU, 2, 222)
    paula.writeCell('demand', SKU, 2, 111)
    deliver(sam, before)
    deliver(paula, before)
    expect(server.readCell('demand', SKU, 2)).toBe(222)
    expect(writes).toEqual([
      [
        {
          measure: 'demand',
          key: SKU,
          period: 2,
          value: 222,
          previous: base,
          shown: 222,
          id: { client: 2002, clock: 0 },
          seen: null,
        },
      ],
      [
        {
          measure: 'demand',
          key: SKU,
          period: 2,
          value: 111,
          previous: 222,
          shown: 222,
          id: { client: 1001, clock: 0 },
          seen: null,
        },
      ],
    ])
  })

  it('records an overwrite with the value it replaced, and a removal as the base value', () => {
    const { server, paula, writes, deliver } = peers()
    const base = server.readCell('supply', SKU, 1)
    let since = Y.encodeStateVector(server.doc)
    paula.writeCell('supply', SKU, 1, 50)
    deliver(paula, since)
    since = Y.encodeStateVector(server.doc)
    paula.writeCell('supply', SKU, 1, 60)
    deliver(paula, since)
    since = Y.encodeStateVector(server.doc)
    paula.doc.transact(() => paula.row('supply', SKU)!.edits.delete('1'))
    deliver(paula, since)
    expect(
      writes.map((w) => w.map(({ value, previous, shown }) => [value, previous, shown])),
    ).toEqual([[[50, base, 50]], [[60, 50, 60]], [[base, 60, base]]])
    expect(writes[1][0].seen).toEqual(writes[0][0].id)
    expect(writes[2][0].id).toBeUndefined()
  })

  it('ignores transactions that write no cells', () => {
    const { server, writes } = peers()
    server.doc.transact(() => server.doc.getMap('meta').set('name', 'Renamed'))
    expect(writes).toEqual([[]])
  })
})
