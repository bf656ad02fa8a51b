import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, PlanDoc, writeTransfer } from '@tandem/shared'
import type { Stores } from '@tandem/server'
import { connectRedisStores } from '@tandem/server'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { callApi, createUserWithToken } from './support/http.js'
import { RawSyncClient, withTimeout } from './support/raw-sync-client.js'
import { materializeStoredPlan } from './support/stored-plan.js'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis.stop()
})

async function redisStores(): Promise<{ store: Stores; cleanup: () => Promise<void> }> {
  const store = await connectRedisStores(redis.url, { prefix: `scopes-${Date.now()}` })
  return { store, cleanup: () => store.close() }
}

// createPlan's demo SKUs cycle through the sites SH, SZ, HAM: SKU 0 is at SH, SKU 2 at HAM.
for (const [backend, open] of [
  ['SQLite', tempSqliteStore],
  ['Redis', redisStores],
] as const) {
  describe(`a production role scoped to one site, over real sockets (${backend})`, () => {
    let server: TestServer
    let cleanup: () => Promise<void>

    beforeAll(async () => {
      const opened = await open()
      cleanup = opened.cleanup
      server = await startTestServer(opened.store)
    })
    afterAll(async () => {
      await server.close()
      await cleanup()
    })

    const setScope = (planId: string, userId: string, sites: string[] | null, as = 'planner') =>
      callApi(server.url, 'PUT', `/api/plans/${planId}/scopes/${userId}`, {
        headers: server.headers(as as 'planner'),
        body: { sites },
      })

    it('edits its site, is refused another naming cell and site, and reconnects on a scope change', async () => {
      const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
      const user = await createUserWithToken(server.url, server.headers('admin'), {
        email: `ham-${backend.toLowerCase()}@test.tandem`,
        defaultRole: 'production',
      })
      expect((await setScope(planId, user.id, ['HAM'], 'sales')).status).toBe(403)
      const scoped = await setScope(planId, user.id, ['HAM'])
      expect(scoped.status).toBe(200)
      expect(scoped.body.scopes).toEqual({ [user.id]: ['HAM'] })
      const me = await callApi(server.url, 'GET', `/api/plans/${planId}`, {
        headers: { authorization: `Bearer ${user.token}` },
      })
      expect(me.body).toMatchObject({ role: 'production', sites: ['HAM'] })

      const client = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
      const [sh, , ham] = client.plan.listSkus().sort()
      expect(client.plan.readItem(ham)?.site).toBe('HAM')
      expect(client.plan.readItem(sh)?.site).toBe('SH')
      const before = client.savedCount
      client.sendUpdate(client.edit((plan) => plan.writeCell('supply', ham, 3, 321)))
      expect(await client.verdict(before)).toEqual({ kind: 'accepted' })
      const transfer = { fromSku: ham, toSku: sh, period: 2, leadTime: 1, quantity: 5 }
      const shipped = client.savedCount
      client.sendUpdate(client.edit((plan) => writeTransfer(plan, 'T-HAM', transfer)))
      expect(await client.verdict(shipped)).toEqual({ kind: 'accepted' })

      const refusedAt = client.savedCount
      client.sendUpdate(client.edit((plan) => plan.writeCell('supply', sh, 3, 999)))
      expect(await client.verdict(refusedAt)).toEqual({
        kind: 'rejected',
        code: 'outOfScope',
        closeCode: 4422,
      })
      const rejected = client.extensions.find((m) => m.type === 'rejected')
      expect(rejected).toMatchObject({
        reason: `supply ${sh}, 2026-W52 (period 3) is at site SH; your production role is scoped to HAM`,
        places: [{ root: 'supply', key: sh, period: 3 }],
      })
      const stored = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
      expect(stored.readCell('supply', ham, 3)).toBe(321)
      expect(stored.readCell('supply', sh, 3)).not.toBe(999)
      expect(stored.listTransfers()).toEqual([['T-HAM', transfer]])

      const again = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
      expect((await setScope(planId, user.id, ['SH'])).status).toBe(200)
      const close = await withTimeout(again.closed, 5000, 'the 4012 close after the scope change')
      expect(close.code).toBe(CLOSE_CODES.roleChanged)
      const moved = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
      const now = moved.savedCount
      moved.sendUpdate(moved.edit((plan) => plan.writeCell('supply', sh, 3, 999)))
      expect(await moved.verdict(now)).toEqual({ kind: 'accepted' })
      moved.close()

      expect((await setScope(planId, user.id, null)).body.scopes).toEqual({})
    })

    it('refuses an Excel update of another site, naming the cell', async () => {
      const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
      const user = await createUserWithToken(server.url, server.headers('admin'), {
        email: `ham-xl-${backend.toLowerCase()}@test.tandem`,
        defaultRole: 'production',
      })
      await setScope(planId, user.id, ['HAM'])
      const reader = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
      const [sh] = reader.plan.listSkus().sort()
      const periods = ['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01']
      const csv = [
        ['SKU', 'Measure', ...periods].join(','),
        [sh, 'supply', 1, 2, 3, 4, 5, 6].join(','),
      ].join('\n')
      const answer = await fetch(`${server.url}/api/plans/${planId}/import/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'text/csv' },
        body: csv,
      })
      const body = (await answer.json()) as { errors: { code: string; params: unknown }[] }
      expect(body.errors.length).toBeGreaterThan(0)
      expect(body.errors[0]).toMatchObject({ code: 'cellRefused', params: { rule: 'outOfScope' } })
      reader.close()
    })
  })
}
