import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { PlanDoc } from '../plan-doc.js'
import { spreadTotal } from '../spread.js'
import { decodeExtensionMessage } from '../protocol.js'
import { checkUpdate } from './check-update.js'

const PERIODS = 6

function setup(): { server: PlanDoc; client: PlanDoc } {
  const server = createPlanDoc(demoPlan({ skuCount: 4, periodCount: PERIODS, seed: 3 }))
  const client = new PlanDoc(new Y.Doc())
  Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(server.doc))
  return { server, client }
}

function capture(client: PlanDoc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client.doc)
  client.doc.transact(change)
  return Y.encodeStateAsUpdate(client.doc, before)
}

function addItemWithRows(client: PlanDoc, sku: string, base: number[], withEdits: boolean): void {
  const item = new Y.Map<unknown>()
  item.set('name', 'New')
  item.set('family', 'Juice')
  client.items.set(sku, item)
  for (const measure of ['demand', 'supply'] as const) {
    const row = new Y.Map<unknown>()
    const array = new Y.Array<number>()
    array.insert(0, base)
    row.set('base', array)
    if (withEdits) row.set('edits', new Y.Map<number>())
    client.measureRoot(measure).set(sku, row)
  }
}

describe('checkUpdate: rows arrive whole', () => {
  it('accepts a planner adding an item with complete rows', () => {
    const { server, client } = setup()
    const update = capture(client, () => addItemWithRows(client, 'NEW-1', [1, 2, 3, 4, 5, 6], true))
    expect(checkUpdate(server.doc, update, { role: 'planner' })).toMatchObject({ ok: true })
  })

  it('rejects a new row without an overlay map', () => {
    const { server, client } = setup()
    const update = capture(client, () =>
      addItemWithRows(client, 'NEW-1', [1, 2, 3, 4, 5, 6], false),
    )
    const verdict = checkUpdate(server.doc, update, { role: 'planner' })
    expect(verdict.ok).toBe(false)
    expect(!verdict.ok && verdict.violation.code).toBe('badStructure')
    expect(!verdict.ok && verdict.violation.place.key).toBe('NEW-1')
  })

  it('rejects a new row whose base is shorter than the horizon', () => {
    const { server, client } = setup()
    const update = capture(client, () => addItemWithRows(client, 'NEW-1', [1, 2, 3], true))
    const verdict = checkUpdate(server.doc, update, { role: 'planner' })
    expect(!verdict.ok && verdict.violation.reason).toContain(`base of ${PERIODS} values`)
  })
})

describe('checkUpdate: role rejections name the cell', () => {
  it('names the period a production user tried to write in demand', () => {
    const { server, client } = setup()
    const sku = client.listSkus()[0]
    const update = capture(client, () => client.writeCell('demand', sku, 4, 10))
    const verdict = checkUpdate(server.doc, update, { role: 'production' })
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) {
      expect(verdict.violation.code).toBe('forbiddenRole')
      expect(verdict.violation.place).toEqual({ root: 'demand', key: sku, period: 4 })
      expect(verdict.violation.reason).toContain('period 4')
    }
  })
})

describe('guards on untrusted numbers and bytes', () => {
  it('refuses to spread a total that is not a number', () => {
    expect(spreadTotal(Number.NaN, [1, 2], [false, false])).toEqual({
      ok: false,
      reason: 'notANumber',
    })
    expect(spreadTotal(Infinity, [1, 2], [false, false])).toEqual({
      ok: false,
      reason: 'notANumber',
    })
  })

  it('returns undefined for truncated extension messages instead of throwing', () => {
    expect(decodeExtensionMessage(Uint8Array.from([101, 5, 104]))).toBeUndefined()
    expect(decodeExtensionMessage(Uint8Array.from([100, 200]))).toBeUndefined()
  })
})
