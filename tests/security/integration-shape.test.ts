import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PlanDoc } from '@tandem/shared'
import { startThread } from '@tandem/shared'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { encodeSections, type Crafted } from './support/crafted-sections.js'
import { RawSyncClient } from './support/raw-sync-client.js'

/**
 * Issue 11, cases 1 to 6, over real sockets: updates whose bytes say one thing while Yjs would
 * integrate another. Each attack is sent by a legitimate account with a fixed clientID; the
 * server must refuse it, and a newcomer must then find exactly the plan as it was stored.
 * The same attacks, applied raw to a copy, are shown to change the plan in
 * shared/src/rules/integration-shape.test.ts, so these tests fail if the server stops refusing.
 */
const SALES = 1101
const VIEWER = 2202
const PLANNER = 3303

describe('updates that integrate differently from what they claim, over real sockets', () => {
  let server: TestServer
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  const connect = (planId: string, account: TestAccount, clientId: number) =>
    RawSyncClient.connect(server.syncUrl, planId, { token: server.tokens[account], clientId })

  /** Sends one honest change and waits for `saved`. */
  async function honest(client: RawSyncClient, change: (plan: PlanDoc) => void): Promise<void> {
    const saved = client.savedCount
    client.sendUpdate(client.edit((plan) => change(plan)))
    expect(await client.verdict(saved)).toEqual({ kind: 'accepted' })
  }

  /** Sends crafted bytes and expects the server to refuse them with `code`. */
  async function refused(client: RawSyncClient, update: Uint8Array, code: RegExp): Promise<void> {
    const saved = client.savedCount
    client.sendUpdate(update)
    const verdict = await client.verdict(saved)
    expect(verdict.kind).toBe('rejected')
    if (verdict.kind === 'rejected') expect(verdict.code).toMatch(code)
  }

  /** What a newcomer syncs: the stored plan, with nothing of the attack in it. */
  async function newcomer(planId: string): Promise<RawSyncClient> {
    const reader = await connect(planId, 'viewer', 9909)
    expect(reader.applyErrors).toEqual([])
    expect(reader.doc.store.pendingStructs).toBeNull()
    return reader
  }

  const firstSku = (plan: PlanDoc) => [...plan.items.keys()].sort()[0]!
  const anchorOf = (sku: string) => ({ measure: 'demand' as const, key: sku, period: 1 })

  it('1: a struct overlapping the sender’s own last one cannot write into a frozen period', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6, seed: 3 })
    const sales = await connect(planId, 'sales', SALES)
    const sku = firstSku(sales.plan)
    let body = new Y.XmlText()
    await honest(sales, (plan) => {
      body = startThread(
        plan,
        {
          id: 't1',
          anchor: anchorOf(sku),
          author: server.users.sales.id,
          now: new Date().toISOString(),
        },
        { id: 'm1' },
      )
    })
    await honest(sales, (plan) => plan.writeCell('demand', sku, 1, 50))
    const planner = await connect(planId, 'planner', PLANNER)
    await honest(planner, (plan) => plan.meta.set('frozenThrough', 2))
    const state = Y.getState(sales.doc.store, SALES)
    const bodyId = body._item!.id
    const attack = encodeSections([
      [{ client: SALES, clock: state - 1, parent: { id: bodyId }, content: { any: ['x', -777] } }],
    ])
    await refused(sales, attack, /frozenPeriod/)
    const reader = await newcomer(planId)
    expect(reader.plan.readCell('demand', sku, 1)).toBe(50)
    for (const client of [sales, planner, reader]) client.close()
  })

  it('2: nobody may write under the clientID the server writes under', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6, seed: 4 })
    const room = await server.app.rooms.open(planId)
    const serverClient = room!.doc.clientID
    const sales = await connect(planId, 'sales', serverClient)
    const sku = firstSku(sales.plan)
    await refused(
      sales,
      sales.edit((plan) => plan.writeCell('demand', sku, 3, 123)),
      /./,
    )
    const reader = await newcomer(planId)
    expect(reader.plan.readCell('demand', sku, 3)).not.toBe(123)
    reader.close()
  })

  it('3: two sections for one client are refused whole, and nothing is held back for later', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6, seed: 5 })
    const sales = await connect(planId, 'sales', SALES)
    const sku = firstSku(sales.plan)
    await honest(sales, (plan) => plan.writeCell('demand', sku, 4, 5))
    const state = Y.getState(sales.doc.store, SALES)
    const row = sales.plan.row('demand', sku)!.edits._item!.id
    const value = (clock: number, v: number): Crafted => ({
      client: SALES,
      clock,
      parent: { id: row },
      parentSub: '5',
      content: { any: [v] },
    })
    await refused(sales, encodeSections([[value(state, 1)], [value(state + 1, 2)]]), /malformed/)
    // The attacker's next honest struct must not release a held-back one.
    const again = await connect(planId, 'sales', SALES + 1)
    await honest(again, (plan) => plan.writeCell('demand', sku, 2, 9))
    const reader = await newcomer(planId)
    expect(reader.plan.readCell('demand', sku, 5)).not.toBe(2)
    expect(reader.plan.readCell('demand', sku, 5)).not.toBe(1)
    expect(reader.plan.readCell('demand', sku, 2)).toBe(9)
    for (const client of [again, reader]) client.close()
  })

  it('4: an item overlapping a GC is refused, and the live room stays its stored state', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6, seed: 6 })
    const sales = await connect(planId, 'sales', SALES)
    const sku = firstSku(sales.plan)
    const row = sales.plan.row('demand', sku)!.edits._item!.id
    const gcSaved = sales.savedCount
    sales.sendUpdate(encodeSections([[{ client: SALES, clock: 0, content: { gc: 2 } }]]))
    await sales.verdict(gcSaved)
    const attacker = sales.isOpen ? sales : await connect(planId, 'sales', SALES)
    const attack = encodeSections([
      [{ client: SALES, clock: 1, parent: { id: row }, parentSub: '4', content: { any: [9, 8] } }],
    ])
    await refused(attacker, attack, /badStructure|malformed/)
    const room = await server.app.rooms.open(planId)
    expect(room!.doc.store.pendingStructs).toBeNull()
    const reader = await newcomer(planId)
    expect(reader.plan.readCell('demand', sku, 4)).not.toBe(9)
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(room!.doc))
    reader.close()
  })

  it('4: structs naming their own later content, or waiting on each other, are refused and nobody is closed', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6, seed: 9 })
    const planner = await connect(planId, 'planner', PLANNER)
    const sales = await connect(planId, 'sales', SALES)
    const sku = firstSku(sales.plan)
    await honest(sales, (plan) => plan.writeCell('demand', sku, 3, 5))
    const row = sales.plan.row('demand', sku)!.edits._item!.id
    const state = Y.getState(sales.doc.store, SALES)
    const cell = (clock: number, period: string, value: number): Crafted => ({
      client: SALES,
      clock,
      parent: { id: row },
      parentSub: period,
      content: { any: [value] },
    })
    const attacks = [
      // Deleted content whose left neighbour is the sender's next struct: Yjs threw halfway.
      encodeSections([
        [
          {
            client: SALES,
            clock: state,
            origin: { client: SALES, clock: state + 1 },
            content: { deleted: 1 },
          },
          cell(state + 1, '5', 31),
        ],
      ]),
      encodeSections([
        [
          {
            client: SALES,
            clock: state,
            rightOrigin: { client: SALES, clock: state + 1 },
            content: { deleted: 1 },
          },
          cell(state + 1, '5', 32),
        ],
      ]),
      // Two clients of the sender waiting on each other: Yjs held both back, pending.
      encodeSections([
        [
          cell(state, '5', 33),
          {
            client: SALES,
            clock: state + 1,
            origin: { client: SALES, clock: state },
            rightOrigin: { client: SALES + 7, clock: 0 },
            content: { deleted: 1 },
          },
        ],
        [
          {
            client: SALES + 7,
            clock: 0,
            origin: { client: SALES, clock: state + 1 },
            content: { deleted: 1 },
          },
        ],
      ]),
    ]
    for (const attack of attacks) {
      const attacker = sales.isOpen ? sales : await connect(planId, 'sales', SALES)
      await refused(attacker, attack, /badStructure/)
      // The room stays up: the planner's socket is open and their edit is saved.
      expect(planner.isOpen).toBe(true)
      await honest(planner, (plan) => plan.writeCell('supply', sku, 4, 7))
    }
    const room = await server.app.rooms.open(planId)
    expect(room!.doc.store.pendingStructs).toBeNull()
    const reader = await newcomer(planId)
    expect(reader.plan.readCell('demand', sku, 5)).not.toBeOneOf([31, 32, 33])
    expect(reader.plan.readCell('supply', sku, 4)).toBe(7)
    for (const client of [planner, reader]) client.close()
  })

  it('5: a message carrying two authors cannot be stored as someone else’s', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6, seed: 7 })
    const viewer = await connect(planId, 'viewer', VIEWER)
    const sku = firstSku(viewer.plan)
    const created = viewer.edit((plan) => {
      startThread(
        plan,
        {
          id: 't1',
          anchor: anchorOf(sku),
          author: server.users.planner.id,
          now: new Date().toISOString(),
        },
        { id: 'm1' },
      )
    })
    const message = (viewer.plan.comments.get('t1') as Y.Map<Y.Map<Y.Map<unknown>>>)
      .get('messages')!
      .get('m1')!
    const author = message._map.get('author')!.id
    const second = encodeSections([
      [
        {
          client: VIEWER,
          clock: Y.getState(viewer.doc.store, VIEWER),
          rightOrigin: { client: author.client, clock: author.clock },
          content: { any: [server.users.viewer.id] },
        },
      ],
    ])
    await refused(viewer, Y.mergeUpdates([created, second]), /badStructure|forbidden/)
    const reader = await newcomer(planId)
    expect(reader.plan.comments.has('t1')).toBe(false)
    reader.close()
  })

  it('6: a viewer cannot delete a thread’s fixed or resolved fields with deleted content', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6, seed: 8 })
    const planner = await connect(planId, 'planner', PLANNER)
    const sku = firstSku(planner.plan)
    await honest(planner, (plan) => {
      startThread(
        plan,
        {
          id: 't1',
          anchor: anchorOf(sku),
          author: server.users.planner.id,
          now: new Date().toISOString(),
        },
        { id: 'm1' },
      )
    })
    for (const [index, field] of ['resolved', 'anchor', 'createdBy'].entries()) {
      const viewer = await connect(planId, 'viewer', VIEWER + index)
      const thread = viewer.plan.comments.get('t1') as Y.Map<unknown>
      const current = thread._map.get(field)!.id
      const attack = encodeSections([
        [
          {
            client: VIEWER + index,
            clock: 0,
            origin: { client: current.client, clock: current.clock },
            content: { deleted: 1 },
          },
        ],
      ])
      await refused(viewer, attack, /forbiddenRole|badStructure/)
    }
    const reader = await newcomer(planId)
    const stored = reader.plan.comments.get('t1') as Y.Map<unknown>
    expect(stored.get('resolved')).toBe(false)
    expect(stored.get('createdBy')).toBe(server.users.planner.id)
    expect(stored.get('anchor')).toEqual(anchorOf(sku))
    for (const client of [planner, reader]) client.close()
  })
})
