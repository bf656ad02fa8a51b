import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PlanDoc } from '@tandem/shared'
import type { RoomStore } from '../../server/src/rooms/room.js'
import { Room } from '../../server/src/rooms/room.js'
import type { ChangeOrigin } from '../../server/src/rooms/change-origin.js'
import type { RedisStores } from '../../server/src/store/redis/connect-redis-stores.js'
import { connectRedisStores } from '../../server/src/store/redis/connect-redis-stores.js'
import { MemoryPeer } from '../support/memory-peer.js'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import { createSeededPlan, silentRoomLogger, visiblePlan } from '../support/room-fixtures.js'

const PERIODS = 6
const silentLogger = { error: () => {}, warn: () => {} }

/** Transactions the feed brought into `doc`, counted from now on. */
function feedTransactions(doc: Y.Doc): { count: number } {
  const counter = { count: 0 }
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if ((transaction.origin as ChangeOrigin | null)?.kind === 'feed') counter.count++
  })
  return counter
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * On one Redis, the append script tells the other instances of an append before the appender
 * has its answer, so the room's own feed may hand it its own entries before it knows their ids.
 */
describe('a room on Redis whose appends are answered after their notice', () => {
  let redis: RedisServer
  const opened: RedisStores[] = []
  const rooms: Room[] = []
  const peers: MemoryPeer[] = []

  beforeAll(async () => {
    redis = await startRedisServer()
  })
  afterAll(async () => {
    for (const peer of peers) peer.destroy()
    for (const room of rooms) await room.destroy()
    await Promise.all(opened.map((stores) => stores.close()))
    await redis.stop()
  })

  it('does not apply its own entries a second time, and still takes the other instance’s', async () => {
    const prefix = `room-feed-${randomUUID()}`
    const [mine, theirs] = await Promise.all(
      [0, 1].map(() => connectRedisStores(redis.url, { prefix, logger: silentLogger })),
    )
    opened.push(mine, theirs)
    const planId = 'plan-late-answers'
    await createSeededPlan(mine.log, planId, PERIODS)
    const log = mine.log
    // Every answer comes 30 ms after the append (and its notice) reached Redis.
    const store: RoomStore = {
      feed: log.feed,
      loadPlan: (id) => log.loadPlan(id),
      compact: (...args) => log.compact(...args),
      changeEpoch: (...args) => log.changeEpoch(...args),
      appendUpdates: async (...args) => {
        const ids = await log.appendUpdates(...args)
        await new Promise((resolve) => setTimeout(resolve, 30))
        return ids
      },
    }
    const room = await Room.load(planId, { store, logger: silentRoomLogger, compactAfter: 1000 })
    if (!room) throw new Error('no plan')
    rooms.push(room)
    const writer = new MemoryPeer('sales-1', 'sales', 401)
    const reader = new MemoryPeer('prod-1', 'production', 402)
    peers.push(writer, reader)
    writer.join(room)
    reader.join(room)
    await writer.settle()
    await reader.settle()
    const fromFeed = feedTransactions(room.doc)
    const skus = new PlanDoc(room.doc).listSkus()

    for (let i = 0; i < 10; i++) {
      new PlanDoc(writer.doc).writeCell('demand', skus[i % skus.length], i % PERIODS, 500 + i)
      await writer.deliverToRoom()
    }
    await room.whenDurable()
    // Every notice of those appends has come back by now (each went out before its answer).
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(fromFeed.count).toBe(0)

    // Another instance's append is applied here and reaches this room's peers.
    const update = await theirWrite(theirs, planId, skus[0])
    await theirs.log.appendUpdates(planId, [{ update, author: 'prod-2' }])
    await until(() => new PlanDoc(room.doc).readCell('supply', skus[0], 3) === 777, 'feed entry')
    expect(fromFeed.count).toBe(1)
    await reader.settle()
    await until(() => new PlanDoc(reader.doc).readCell('supply', skus[0], 3) === 777, 'relay')
    expect(visiblePlan(reader.doc)).toBe(visiblePlan(room.doc))
  })
})

/** An update that sets supply of `sku` in period 3 to 777, made on the stored state. */
async function theirWrite(stores: RedisStores, planId: string, sku: string): Promise<Uint8Array> {
  const state = await stores.log.loadPlan(planId)
  if (!state) throw new Error('no plan')
  const doc = new Y.Doc()
  doc.clientID = 403
  Y.applyUpdate(doc, state.snapshot)
  for (const entry of state.updates) Y.applyUpdate(doc, entry.update)
  const before = Y.encodeStateVector(doc)
  new PlanDoc(doc).writeCell('supply', sku, 3, 777)
  return Y.encodeStateAsUpdate(doc, before)
}
