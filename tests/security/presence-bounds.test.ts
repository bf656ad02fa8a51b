import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MESSAGE_TYPES } from '@tandem/shared'
import { connectRedisStores } from '@tandem/server'
import { startRedisServer } from '../support/redis-server.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { RawSyncClient } from './support/raw-sync-client.js'
import { waitUntil } from './support/wait-until.js'

/** One awareness message with hand-written entries: [clientID, clock, JSON state]. */
function awarenessMessage(entries: [number, number, string][]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const [client, clock, json] of entries) {
    encoding.writeVarUint(inner, client)
    encoding.writeVarUint(inner, clock)
    encoding.writeVarString(inner, json)
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, MESSAGE_TYPES.awareness)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150))

/** Presence is bounded before y-protocols stores it (issue 11, case 8). */
describe('presence bounds', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 2, periodCount: 4, seed: 2 })
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  it('ignores a state nested 10,000 deep; newcomers still join', async () => {
    const viewer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const deep = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`
    viewer.send(awarenessMessage([[4242, 1, deep]]))
    await settle()
    const room = await server.app.rooms.open(planId)
    expect(room?.awareness.getStates().has(4242)).toBe(false)
    const newcomer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.sales,
    })
    await settle()
    expect(room?.peers.size).toBe(2)
    newcomer.close()
    viewer.close()
  })

  it('ignores a flood of removals for entries nobody has, keeping no memory for them', async () => {
    const viewer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const room = await server.app.rooms.open(planId)
    const before = room!.awareness.meta.size
    const nulls: [number, number, string][] = []
    for (let i = 0; i < 5000; i++) nulls.push([100_000 + i, 1, 'null'])
    viewer.send(awarenessMessage(nulls))
    await settle()
    expect(room!.awareness.meta.size).toBe(before)
    viewer.close()
  })

  it('ignores removals of entries nobody has however the null is spelled', async () => {
    const viewer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const room = await server.app.rooms.open(planId)
    const before = room!.awareness.meta.size
    for (let round = 0; round < 10; round++) {
      const nulls: [number, number, string][] = []
      for (let i = 0; i < 16; i++)
        nulls.push([200_000 + round * 16 + i, 1, [' null', 'null\n', '\tnull '][i % 3]])
      viewer.send(awarenessMessage(nulls))
    }
    await settle()
    expect(room!.awareness.meta.size).toBe(before)
    viewer.close()
  })

  it('lets one socket set a few presence clientIDs, and keeps none of their entries after it closes', async () => {
    const room = await server.app.rooms.open(planId)
    const before = room!.awareness.meta.size
    const viewer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    for (let round = 0; round < 8; round++) {
      const fresh: [number, number, string][] = []
      for (let i = 0; i < 16; i++) fresh.push([300_000 + round * 16 + i, 1, '{}'])
      viewer.send(awarenessMessage(fresh))
    }
    viewer.send(awarenessMessage([[310_000, 1, '{"user":{"name":"Viewer"}}']]))
    viewer.send(awarenessMessage([[310_000, 2, '{"user":{"name":"Viewer 2"}}']]))
    await settle()
    expect(room!.awareness.getStates().get(310_000)).toEqual({ user: { name: 'Viewer 2' } })
    // Every 16-entry message was refused whole: a socket sets at most 4 clientIDs.
    expect(room!.awareness.meta.size).toBe(before + 1)
    viewer.close()
    await viewer.closed
    await settle()
    expect(room!.awareness.getStates().has(310_000)).toBe(false)
    expect(room!.awareness.meta.size).toBe(before)
  })

  it('keeps a removed entry its owner’s: another user cannot claim the clientID', async () => {
    const planner = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.planner,
    })
    planner.send(awarenessMessage([[777, 1, '{"user":{"name":"Planner"}}']]))
    await settle()
    const room = await server.app.rooms.open(planId)
    expect(room!.awareness.getStates().get(777)).toEqual({ user: { name: 'Planner' } })
    planner.send(awarenessMessage([[777, 2, 'null']]))
    await settle()
    expect(room!.awareness.getStates().has(777)).toBe(false)
    const viewer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    viewer.send(awarenessMessage([[777, 1_000_000, '{"user":{"name":"Not the planner"}}']]))
    await settle()
    expect(room!.awareness.getStates().has(777)).toBe(false)
    planner.send(awarenessMessage([[777, 3, '{"user":{"name":"Planner again"}}']]))
    await settle()
    expect(room!.awareness.getStates().get(777)).toEqual({ user: { name: 'Planner again' } })
    viewer.close()
    planner.close()
  })
})

describe('presence bound to its user across instances (shared Redis store)', () => {
  it('keeps an entry removed on one instance its owner’s on the other', async () => {
    const redis = await startRedisServer()
    const prefix = `presence-${Date.now()}`
    const storeA = await connectRedisStores(redis.url, { prefix })
    const storeB = await connectRedisStores(redis.url, { prefix })
    const a = await startTestServer(storeA)
    const b = await startTestServer(storeB)
    try {
      const planId = await createPlan(a, { skuCount: 2, periodCount: 4, seed: 3 })
      const planner = await RawSyncClient.connect(a.syncUrl, planId, { token: a.tokens.planner })
      const viewer = await RawSyncClient.connect(b.syncUrl, planId, { token: a.tokens.viewer })
      const roomA = await a.app.rooms.open(planId)
      const roomB = await b.app.rooms.open(planId)
      const name = (room: typeof roomA) => room!.awareness.getStates().get(888)?.user?.name
      planner.send(awarenessMessage([[888, 1, '{"user":{"name":"Planner"}}']]))
      await waitUntil(() => name(roomB) === 'Planner', 5000, 'presence on the other instance')
      planner.send(awarenessMessage([[888, 2, 'null']]))
      await waitUntil(
        () => !roomB!.awareness.getStates().has(888),
        5000,
        'presence on the other instance',
      )
      viewer.send(awarenessMessage([[888, 1_000_000, '{"user":{"name":"Not the planner"}}']]))
      await settle()
      await settle()
      expect(roomB!.awareness.getStates().has(888)).toBe(false)
      expect(roomA!.awareness.getStates().has(888)).toBe(false)
      planner.send(awarenessMessage([[888, 3, '{"user":{"name":"Planner again"}}']]))
      await waitUntil(() => name(roomB) === 'Planner again', 5000, 'presence on the other instance')
      expect(name(roomA)).toBe('Planner again')
      planner.close()
      viewer.close()
    } finally {
      await a.close(true)
      await b.close(true)
      await redis.stop()
    }
  })
})
