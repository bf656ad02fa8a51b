import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, ROOTS } from '@tandem/shared'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import type { CraftedStruct } from './support/crafted-structs.js'
import { craftedUpdate } from './support/crafted-structs.js'
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
      const stored = await materializeStoredPlan(server.store, planId)
      expect(rootNames(stored).every((root) => (ROOTS as readonly string[]).includes(root))).toBe(
        true,
      )
      for (const client of [observer, attacker, writer, fresh]) client.close()
    })
  }
})
