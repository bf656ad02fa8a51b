import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startThread } from '../comments/comment-thread.js'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { PlanDoc } from '../plan-doc.js'
import type { UpdateContext } from './check-update.js'
import { encodeSections, type Crafted } from '../../../tests/security/support/crafted-sections.js'
import { checkUpdate } from './check-update.js'

/**
 * Updates whose bytes say one thing while Yjs integrates another (issue 11, cases 1 to 6).
 * Each case first proves on a copy that the trick really changes the plan, so the test fails
 * if the check stops refusing it.
 */
const SKU = 'SKU-00001'
const SALES = 101
const VIEWER = 202
const PLANNER = 303

function serverPlan(): PlanDoc {
  const plan = createPlanDoc(demoPlan({ skuCount: 2, periodCount: 6, seed: 3 }))
  plan.doc.clientID = 1
  return plan
}

/** A client doc with a fixed clientID, synced with the server. */
function clientOf(server: PlanDoc, clientID: number): PlanDoc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc))
  return new PlanDoc(doc)
}

/** Runs `change` on `client` and applies its update to the server, checked and accepted. */
function honest(server: PlanDoc, client: PlanDoc, context: UpdateContext, change: () => void) {
  const before = Y.encodeStateVector(client.doc)
  client.doc.transact(change)
  const update = Y.encodeStateAsUpdate(client.doc, before)
  const verdict = checkUpdate(server.doc, update, context)
  expect(verdict.ok ? 'accepted' : verdict.violation).toBe('accepted')
  if (verdict.ok) Y.applyUpdate(server.doc, verdict.update)
}

/** What applying the raw bytes would do: a copy of the server with them applied. */
function appliedRaw(server: PlanDoc, update: Uint8Array): PlanDoc {
  const copy = new Y.Doc()
  copy.clientID = 9
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server.doc))
  Y.applyUpdate(copy, update)
  return new PlanDoc(copy)
}

function expectRefused(server: PlanDoc, update: Uint8Array, context: UpdateContext) {
  const before = Y.encodeStateAsUpdate(server.doc)
  const verdict = checkUpdate(server.doc, update, context)
  expect(verdict.ok).toBe(false)
  expect(Y.encodeStateAsUpdate(server.doc)).toEqual(before)
  return verdict.ok ? undefined : verdict.violation
}

const sales: UpdateContext = { role: 'sales', userId: 'u-sales' }
const viewer: UpdateContext = { role: 'viewer', userId: 'u-viewer' }
const planner: UpdateContext = { role: 'planner', userId: 'u-planner' }
const anchor = { measure: 'demand' as const, key: SKU, period: 1 }
const now = '2026-12-02T08:00:00.000Z'

describe('checkUpdate checks what Yjs will integrate', () => {
  it('1: trims a struct overlapping the sender’s last struct and checks it where it lands', () => {
    const server = serverPlan()
    const client = clientOf(server, SALES)
    let body = new Y.XmlText()
    honest(server, client, sales, () => {
      body = startThread(client, { id: 't1', anchor, author: 'u-sales', now }, { id: 'm1' })
    })
    honest(server, client, sales, () => client.writeCell('demand', SKU, 1, 50))
    const plannerDoc = clientOf(server, PLANNER)
    honest(server, plannerDoc, planner, () => plannerDoc.meta.set('frozenThrough', 2))
    const state = Y.getState(server.doc.store, SALES)
    const bodyId = body._item!.id
    const attack = encodeSections([
      [
        {
          client: SALES,
          clock: state - 1,
          parent: { id: { client: bodyId.client, clock: bodyId.clock } },
          content: { any: ['x', -777] },
        },
      ],
    ])
    expect(appliedRaw(server, attack).readCell('demand', SKU, 1)).toBe(-777)
    expect(expectRefused(server, attack, sales)?.code).toBe('frozenPeriod')
  })

  it('3: refuses two sections for one client', () => {
    const server = serverPlan()
    const client = clientOf(server, SALES)
    honest(server, client, sales, () => client.writeCell('demand', SKU, 4, 5))
    const state = Y.getState(server.doc.store, SALES)
    const row = server.row('demand', SKU)!.edits._item!.id
    const value = (clock: number, v: number): Crafted => ({
      client: SALES,
      clock,
      parent: { id: row },
      parentSub: '5',
      content: { any: [v] },
    })
    const attack = encodeSections([[value(state, 1)], [value(state + 1, 2)]])
    const raw = appliedRaw(server, attack)
    expect(raw.doc.store.pendingStructs).not.toBeNull()
    expect(expectRefused(server, attack, sales)?.code).toBe('malformed')
    const emptyTail = encodeSections([[value(state, 1)]])
    const withEmpty = new Uint8Array([...emptyTail.slice(0, -1), 0, SALES, 0, 0])
    withEmpty[0] = 2
    expect(expectRefused(server, withEmpty, sales)?.code).toBe('malformed')
  })

  it('4: refuses an item overlapping a GC the document holds', () => {
    const server = serverPlan()
    const row = server.row('demand', SKU)!.edits._item!.id
    const gc = encodeSections([[{ client: SALES, clock: 0, content: { gc: 2 } }]])
    const verdict = checkUpdate(server.doc, gc, sales)
    expect(verdict.ok).toBe(true)
    Y.applyUpdate(server.doc, gc)
    const attack = encodeSections([
      [{ client: SALES, clock: 1, parent: { id: row }, parentSub: '4', content: { any: [9, 8] } }],
    ])
    expect(() => appliedRaw(server, attack)).toThrow()
    expect(expectRefused(server, attack, sales)?.code).toBe('badStructure')
  })

  it('5: refuses a message that carries two authors', () => {
    const server = serverPlan()
    const client = clientOf(server, VIEWER)
    const before = Y.encodeStateVector(client.doc)
    client.doc.transact(() => {
      startThread(client, { id: 't1', anchor, author: 'u-planner', now }, { id: 'm1' })
    })
    const created = Y.encodeStateAsUpdate(client.doc, before)
    const message = (client.comments.get('t1') as Y.Map<Y.Map<Y.Map<unknown>>>)
      .get('messages')!
      .get('m1')!
    const author = message._map.get('author')!.id
    const state = Y.getState(client.doc.store, VIEWER)
    const second = encodeSections([
      [
        {
          client: VIEWER,
          clock: state,
          rightOrigin: { client: author.client, clock: author.clock },
          content: { any: ['u-viewer'] },
        },
      ],
    ])
    const attack = Y.mergeUpdates([created, second])
    const raw = appliedRaw(server, attack)
    const stored = (raw.comments.get('t1') as Y.Map<Y.Map<Y.Map<unknown>>>).get('messages')!
    expect(stored.get('m1')!.get('author')).toBe('u-planner')
    expect(expectRefused(server, attack, viewer)?.code).toBe('badStructure')
  })

  it('6: refuses a viewer’s deleted-content overwrite of a thread’s fixed or resolved fields', () => {
    const server = serverPlan()
    const plannerDoc = clientOf(server, PLANNER)
    honest(server, plannerDoc, planner, () => {
      startThread(plannerDoc, { id: 't1', anchor, author: 'u-planner', now }, { id: 'm1' })
    })
    const thread = server.comments.get('t1') as Y.Map<unknown>
    for (const field of ['resolved', 'anchor', 'createdBy']) {
      const current = thread._map.get(field)!.id
      const attack = encodeSections([
        [
          {
            client: VIEWER,
            clock: 0,
            origin: { client: current.client, clock: current.clock },
            content: { deleted: 1 },
          },
        ],
      ])
      const raw = appliedRaw(server, attack)
      expect((raw.comments.get('t1') as Y.Map<unknown>).has(field)).toBe(false)
      expect(expectRefused(server, attack, viewer)?.code).toMatch(/forbiddenRole|badStructure/)
    }
  })

  it('accepts an honest client that sets one key twice in a transaction', () => {
    const server = serverPlan()
    const client = clientOf(server, SALES)
    honest(server, client, sales, () => {
      client.writeCell('demand', SKU, 4, 5)
      client.writeCell('demand', SKU, 4, 6)
    })
    expect(server.readCell('demand', SKU, 4)).toBe(6)
  })

  it('accepts an offline client’s catch-up that repeats what the server has', () => {
    const server = serverPlan()
    const client = clientOf(server, SALES)
    honest(server, client, sales, () => client.writeCell('demand', SKU, 4, 5))
    client.doc.transact(() => client.writeCell('demand', SKU, 5, 7))
    const whole = Y.encodeStateAsUpdate(client.doc)
    const verdict = checkUpdate(server.doc, whole, sales)
    expect(verdict.ok ? 'accepted' : verdict.violation).toBe('accepted')
    if (verdict.ok) Y.applyUpdate(server.doc, verdict.update)
    expect(server.readCell('demand', SKU, 5)).toBe(7)
  })
})
