import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, PlanDoc, ROOTS, startThread } from '@tandem/shared'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import type { CraftedStruct } from './support/crafted-structs.js'
import { craftedBetween, craftedUpdate } from './support/crafted-structs.js'
import { RawSyncClient } from './support/raw-sync-client.js'
import { materializeStoredPlan, rootNames } from './support/stored-plan.js'

/**
 * Structs no Yjs client produces, built byte by byte. An empty struct used to pass checkUpdate
 * (it counted as history the server already had): one ContentAny of length 0 stored a new root,
 * and one empty ContentDeleted or GC broke the room's document and every client that synced it.
 */
describe('hand-crafted structs', () => {
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

  const cases = [
    {
      name: 'an empty ContentAny on a new root',
      struct: { kind: 'any', root: 'evil', key: 'k', values: [] },
    },
    {
      name: 'an empty ContentAny in a demand row',
      struct: { kind: 'any', root: 'demand', key: 'k', values: [] },
    },
    {
      name: 'an empty ContentDeleted on a new root',
      struct: { kind: 'deleted', root: 'evil', key: 'k', length: 0 },
    },
    { name: 'an empty GC', struct: { kind: 'gc', length: 0 } },
    {
      name: 'a huge ContentDeleted on a new root',
      struct: { kind: 'deleted', root: 'evil', key: 'k', length: 2 ** 40 },
    },
  ] satisfies { name: string; struct: CraftedStruct }[]

  for (const { name, struct } of cases) {
    it(`rejects ${name}, and the plan keeps syncing cleanly`, async () => {
      const planId = await createPlan(server, { skuCount: 3, periodCount: 4 })
      const observer = await RawSyncClient.connect(server.syncUrl, planId, {
        token: server.tokens.viewer,
        ext: false,
      })
      const attacker = await RawSyncClient.connect(server.syncUrl, planId, {
        token: server.tokens.planner,
      })
      attacker.sendUpdate(craftedUpdate(struct, 987_654))
      const verdict = await attacker.verdict(0)
      expect(verdict.kind).toBe('rejected')
      expect(verdict.kind === 'rejected' && verdict.closeCode).toBe(CLOSE_CODES.updateRejected)

      const writer = await RawSyncClient.connect(server.syncUrl, planId, {
        token: server.tokens.sales,
      })
      const sku = writer.plan.listSkus()[0]
      writer.sendUpdate(writer.edit((plan) => plan.writeCell('demand', sku, 2, 77)))
      expect((await writer.verdict(0)).kind).toBe('accepted')
      await observer.resync()
      expect(observer.plan.readCell('demand', sku, 2)).toBe(77)

      const fresh = await RawSyncClient.connect(server.syncUrl, planId, {
        token: server.tokens.viewer,
      })
      expect(fresh.applyErrors).toEqual([])
      expect(observer.applyErrors).toEqual([])
      expect(fresh.plan.readCell('demand', sku, 2)).toBe(77)
      const stored = await materializeStoredPlan(server.store.log, planId)
      expect(rootNames(stored).every((root) => (ROOTS as readonly string[]).includes(root))).toBe(
        true,
      )
      for (const client of [observer, attacker, writer, fresh]) client.close()
    })
  }

  it('rejects an item whose right neighbour does not exist yet, so no edit waits to land later', async () => {
    // Such an item passed the checks (its place comes from its left neighbour), then Yjs held
    // it back as pending until the missing neighbour arrived: checked against a draft plan,
    // it landed whenever its author later wrote that neighbour, even in an approved plan.
    const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
    const planner = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.planner,
    })
    const sku = planner.plan.listSkus()[0]
    planner.sendUpdate(planner.edit((plan) => plan.writeCell('demand', sku, 3, 10)))
    expect((await planner.verdict(0)).kind).toBe('accepted')
    const cell = planner.plan.row('demand', sku)?.edits._map.get('3')
    if (!cell) throw new Error('no overlay item')
    const staged = 5_000_001
    const trigger = 5_000_002

    const attacker = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.sales,
    })
    const neighbours = {
      origin: { client: cell.id.client, clock: cell.id.clock },
      rightOrigin: { client: trigger, clock: 0 },
    }
    attacker.sendUpdate(craftedBetween(neighbours, 999, staged))
    const staging = await attacker.verdict(0)

    const approve = planner.savedCount
    planner.sendUpdate(planner.edit((plan) => plan.meta.set('status', 'approved')))
    expect((await planner.verdict(approve)).kind).toBe('accepted')

    const commenter = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.sales,
      clientId: trigger,
    })
    commenter.sendUpdate(
      commenter.edit((plan) => {
        const anchor = { measure: 'demand' as const, key: sku }
        startThread(
          plan,
          { id: 'trigger', anchor, author: server.users.sales.id, now: new Date().toISOString() },
          { id: 'm' },
        )
      }),
    )
    await commenter.verdict(0)
    const reader = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const stored = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    expect(reader.plan.readCell('demand', sku, 3)).toBe(10)
    expect(stored.readCell('demand', sku, 3)).toBe(10)
    expect(Y.encodeStateAsUpdate(reader.doc).length).toBeGreaterThan(0)
    expect(staging).toEqual({
      kind: 'rejected',
      code: 'badStructure',
      closeCode: CLOSE_CODES.updateRejected,
    })
    for (const client of [planner, attacker, commenter, reader]) client.close()
  })

  it('rejects rich text nested 1000 deep in a comment, which every reader would have to recurse', async () => {
    const planId = await createPlan(server, { skuCount: 3, periodCount: 4 })
    const author = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.planner,
    })
    const update = author.edit((plan) => {
      const anchor = { measure: 'demand' as const, key: plan.listSkus()[0] }
      const now = new Date().toISOString()
      let text = startThread(
        plan,
        { id: 'deep', anchor, author: server.users.planner.id, now },
        { id: 'm' },
      )
      for (let i = 0; i < 1000; i++) {
        const inner = new Y.XmlText()
        text.insertEmbed(0, inner)
        text = inner
      }
      text.insert(0, 'bottom')
    })
    author.sendUpdate(update)
    expect(await author.verdict(0)).toEqual({
      kind: 'rejected',
      code: 'badStructure',
      closeCode: CLOSE_CODES.updateRejected,
    })
    const stored = await materializeStoredPlan(server.store.log, planId)
    expect(stored.getMap('comments').size).toBe(0)
  })

  it('rejects a resent struct that names a new root, which Yjs would create on decoding', async () => {
    // Structs the server already has are skipped by the checks, but Yjs still creates the root
    // a resent struct names: one message could add thousands of stray types to the room.
    const planId = await createPlan(server, { skuCount: 3, periodCount: 4 })
    const viewer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    viewer.sendUpdate(
      viewer.edit((plan) => {
        const anchor = { measure: 'demand' as const, key: plan.listSkus()[0] }
        const now = new Date().toISOString()
        startThread(plan, { id: 'hello', anchor, author: server.users.viewer.id, now }, { id: 'm' })
      }),
    )
    expect((await viewer.verdict(0)).kind).toBe('accepted')
    const resent = craftedUpdate(
      { kind: 'any', root: 'stray-root', key: 'k', values: [1] },
      viewer.doc.clientID,
      0,
    )
    viewer.sendUpdate(resent)
    const verdict = await viewer.verdict(1)
    const room = await server.app.rooms.open(planId)
    expect(room?.doc.share.has('stray-root')).toBe(false)
    expect(verdict).toEqual({
      kind: 'rejected',
      code: 'unknownRoot',
      closeCode: CLOSE_CODES.updateRejected,
    })
  })
})
