import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, PlanDoc } from '@tandem/shared'
import type { Stores } from '@tandem/server'
import { connectRedisStores } from '@tandem/server'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { callApi, createUserWithToken } from './support/http.js'
import { RawSyncClient, withTimeout } from './support/raw-sync-client.js'
import { materializeStoredPlan } from './support/stored-plan.js'
import { attemptUpgrade } from './support/upgrade-attempt.js'

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis.stop()
})

async function sqlite(): Promise<{ store: Stores; cleanup: () => Promise<void> }> {
  return tempSqliteStore()
}

async function redisStores(): Promise<{ store: Stores; cleanup: () => Promise<void> }> {
  const store = await connectRedisStores(redis.url, { prefix: `deny-${Date.now()}` })
  return { store, cleanup: () => store.close() }
}

for (const [backend, open] of [
  ['SQLite', sqlite],
  ['Redis', redisStores],
] as const) {
  describe(`a role removed at plan level is a deny (${backend})`, () => {
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

    const setRole = (planId: string, userId: string, role: string | null) =>
      callApi(server.url, 'PUT', `/api/plans/${planId}/roles/${userId}`, {
        headers: server.headers('planner'),
        body: { role },
      })

    it('denies a user whose workspace default is sales, closes their sockets, and lifts the deny', async () => {
      const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
      const other = await createPlan(server, { skuCount: 2, periodCount: 4 })
      const user = await createUserWithToken(server.url, server.headers('admin'), {
        email: `denied-${backend.toLowerCase()}@test.tandem`,
        defaultRole: 'sales',
      })
      const headers = { authorization: `Bearer ${user.token}` }
      const client = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
      const elsewhere = await RawSyncClient.connect(server.syncUrl, other, { token: user.token })
      const sku = client.plan.listSkus()[0]

      // Give a plan role first, then remove it: removing writes the deny, not a missing row.
      expect((await setRole(planId, user.id, 'production')).status).toBe(200)
      await withTimeout(client.closed, 5000, 'the 4012 close after the role change')
      const again = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
      // Prepared while the role still held, sent once the deny is in.
      const late = again.edit((plan) => plan.writeCell('supply', sku, 1, 4242))
      // Removed (null), not set to `none`: still a deny, whatever the workspace default says.
      const removed = await setRole(planId, user.id, null)
      expect(removed.status).toBe(200)
      expect(removed.body.roles).toEqual({ [user.id]: 'none' })
      const close = await withTimeout(again.closed, 5000, 'the close of the denied socket')
      expect(close.code).toBe(CLOSE_CODES.forbidden)
      again.sendUpdate(late)

      const upgrade = await attemptUpgrade(`${server.syncUrl}/${planId}?token=${user.token}`)
      expect([upgrade.opened, upgrade.status, upgrade.code]).toEqual([false, 403, 'noPlanAccess'])
      expect((await callApi(server.url, 'GET', `/api/plans/${planId}`, { headers })).status).toBe(
        404,
      )
      const list = await callApi(server.url, 'GET', '/api/plans', { headers })
      const ids = (list.body.plans as { id: string }[]).map((plan) => plan.id)
      expect(ids).toContain(other)
      expect(ids).not.toContain(planId)
      const members = await callApi(server.url, 'GET', `/api/plans/${planId}/members`, {
        headers: server.headers('planner'),
      })
      const memberIds = (members.body.members as { id: string }[]).map((member) => member.id)
      expect(memberIds).not.toContain(user.id)
      // The deny is for this plan only: the socket on the other plan stays open.
      expect(elsewhere.closeEvent).toBeUndefined()
      const stored = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
      expect(stored.readCell('supply', sku, 1)).not.toBe(4242)

      // Restoring: back to the workspace default, which only `default` asks for.
      const restored = await setRole(planId, user.id, 'default')
      expect(restored.body.roles).toEqual({})
      const back = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
      back.sendUpdate(back.edit((plan) => plan.writeCell('demand', sku, 2, 77)))
      expect((await back.verdict(0)).kind).toBe('accepted')
      back.close()
      elsewhere.close()
    })

    it('denies an admin in the plan, who may still manage its roles and lift the deny', async () => {
      const planId = await createPlan(server, { skuCount: 2, periodCount: 4 })
      const admin = server.users.admin
      const denied = await setRole(planId, admin.id, 'none')
      expect(denied.status).toBe(200)
      const upgrade = await attemptUpgrade(
        `${server.syncUrl}/${planId}?token=${server.tokens.admin}`,
      )
      expect([upgrade.opened, upgrade.status]).toEqual([false, 403])
      const lifted = await callApi(server.url, 'PUT', `/api/plans/${planId}/roles/${admin.id}`, {
        headers: server.headers('admin'),
        body: { role: 'viewer' },
      })
      expect([lifted.status, lifted.body.roles]).toEqual([200, { [admin.id]: 'viewer' }])
      const opened = await attemptUpgrade(
        `${server.syncUrl}/${planId}?token=${server.tokens.admin}`,
      )
      expect(opened.opened).toBe(true)
    })

    it('refuses an assignment that is neither a role, none, default nor null', async () => {
      const planId = await createPlan(server, { skuCount: 2, periodCount: 4 })
      const answer = await setRole(planId, server.users.sales.id, 'owner')
      expect([answer.status, answer.body.code]).toEqual([400, 'badRequest'])
    })
  })
}
