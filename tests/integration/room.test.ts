import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Role } from '@tandem/shared'
import { PlanDoc, seededRandom } from '@tandem/shared'
import type { RoomOptions, RoomStore } from '../../server/src/rooms/room.js'
import { Room } from '../../server/src/rooms/room.js'
import type { PlanLog } from '../../server/src/store/plan-log.js'
import { MemoryPeer } from '../support/memory-peer.js'
import { createSeededPlan, silentRoomLogger, visiblePlan } from '../support/room-fixtures.js'
import { tempSqliteStore } from '../support/test-server.js'
import {
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
} from '../../server/src/rooms/wire.js'

const PLAN = 'plan-room'
const PERIODS = 6

/** The real log, with appends that fail once `failing` is set. */
function failingAppends(log: PlanLog): RoomStore & { failing: boolean; appends: number } {
  const store = {
    failing: false,
    appends: 0,
    feed: log.feed,
    loadPlan: (planId: string) => log.loadPlan(planId),
    compact: log.compact.bind(log),
    changeEpoch: log.changeEpoch.bind(log),
    appendUpdates: async (...args: Parameters<PlanLog['appendUpdates']>) => {
      store.appends++
      if (store.failing) throw new Error('disk full')
      return log.appendUpdates(...args)
    },
  }
  return store
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('Room, with in-memory peers over a real SQLite log', () => {
  let log: PlanLog
  let cleanup: () => Promise<void>
  const rooms: Room[] = []
  const peers: MemoryPeer[] = []

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    log = temp.store.log
    cleanup = temp.cleanup
    await createSeededPlan(log, PLAN, PERIODS)
  })

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy()
    for (const room of rooms.splice(0)) await room.destroy()
    await cleanup()
  })

  async function open(options: Partial<RoomOptions> = {}): Promise<Room> {
    const room = await Room.load(PLAN, {
      store: log,
      logger: silentRoomLogger,
      compactAfter: 1000,
      ...options,
    })
    if (!room) throw new Error('no plan')
    rooms.push(room)
    return room
  }

  async function joined(room: Room, userId: string, role: Role, clientID: number) {
    const peer = new MemoryPeer(userId, role, clientID)
    peers.push(peer)
    peer.join(room)
    await peer.settle()
    return peer
  }

  async function reloaded(): Promise<Y.Doc> {
    const state = await log.loadPlan(PLAN)
    const doc = new Y.Doc()
    if (!state) return doc
    Y.applyUpdate(doc, state.snapshot)
    for (const { update } of state.updates) Y.applyUpdate(doc, update)
    return doc
  }

  for (const seed of [1, 2, 3]) {
    it(`converges under seeded random delivery between four peers (seed ${seed})`, async () => {
      const random = seededRandom(seed)
      const room = await open()
      const cast: [string, Role][] = [
        ['sales-1', 'sales'],
        ['sales-2', 'sales'],
        ['prod-1', 'production'],
        ['planner-1', 'planner'],
      ]
      const all = await Promise.all(
        cast.map(([user, role], i) => joined(room, user, role, 100 + i)),
      )
      const skus = new PlanDoc(room.doc).listSkus()
      for (let step = 0; step < 600; step++) {
        const peer = all[Math.floor(random.next() * all.length)]
        const action = random.next()
        if (action < 0.3) {
          const measure = peer.role === 'production' ? 'supply' : 'demand'
          const sku = skus[Math.floor(random.next() * skus.length)]
          const period = Math.floor(random.next() * PERIODS)
          new PlanDoc(peer.doc).writeCell(measure, sku, period, Math.floor(random.next() * 1000))
        } else if (action < 0.6) await peer.deliverToRoom()
        else if (action < 0.9) peer.deliverToPeer()
        else await tick()
      }
      for (let round = 0; round < 3; round++) for (const peer of all) await peer.settle()
      await room.whenDurable()
      for (const peer of all) {
        expect(peer.isOpen).toBe(true)
        expect(visiblePlan(peer.doc)).toBe(visiblePlan(room.doc))
      }
      expect(visiblePlan(await reloaded())).toBe(visiblePlan(room.doc))
    })
  }

  it('answers a newcomer to a cold room with the stored bytes, then applies them and greets it', async () => {
    // A log entry beyond the snapshot, so that the stored state has both parts.
    const first = await open()
    const writer = await joined(first, 'sales-1', 'sales', 301)
    const sku = new PlanDoc(first.doc).listSkus()[0]
    new PlanDoc(writer.doc).writeCell('demand', sku, 1, 4321)
    await writer.settle()
    await first.destroy()
    const state = (await log.loadPlan(PLAN))!
    expect(state.updates.length).toBeGreaterThan(0)

    const room = await open()
    const newcomer = new MemoryPeer('sales-2', 'sales', 302)
    peers.push(newcomer)
    newcomer.join(room)
    // No greeting yet: the room's state vector would mean applying the stored state first.
    expect(newcomer.inbox).toEqual([])
    await newcomer.deliverToRoom()
    // The answer is the stored bytes as they are: the log's updates, then the snapshot.
    expect(newcomer.inbox).toEqual([
      ...state.updates.map(({ update }) => encodeUpdateMessage(update)),
      encodeSyncStep2(state.snapshot),
    ])
    await tick()
    await tick()
    // Then the room applied them (nothing encoded afresh) and greeted the newcomer.
    expect(newcomer.inbox.at(-1)).toEqual(encodeSyncStep1(Y.encodeStateVector(room.doc)))
    expect(room.freshSyncAnswers.count).toBe(0)
    await newcomer.settle()
    expect(new PlanDoc(newcomer.doc).readCell('demand', sku, 1)).toBe(4321)
    expect(visiblePlan(newcomer.doc)).toBe(visiblePlan(room.doc))

    // Its edits are checked against the applied document and saved as usual.
    new PlanDoc(newcomer.doc).writeCell('demand', sku, 2, 555)
    new PlanDoc(newcomer.doc).writeCell('supply', sku, 2, 1)
    await newcomer.settle()
    expect(newcomer.rejections.map((violation) => violation.code)).toEqual(['forbiddenRole'])
    expect(new PlanDoc(await reloaded()).readCell('demand', sku, 2)).toBe(555)
  })

  it('greets a peer of a cold room that waits for the room to speak first', async () => {
    const room = await open()
    const waiting = new MemoryPeer('sales-4', 'sales', 304)
    peers.push(waiting)
    waiting.join(room)
    // This client does not ask (as a stock provider does at once): it only answers.
    waiting.outbox.length = 0
    await expect
      .poll(() => waiting.inbox.length, { timeout: 5_000, interval: 20 })
      .toBeGreaterThan(0)
    expect(waiting.inbox[0]).toEqual(encodeSyncStep1(Y.encodeStateVector(room.doc)))
    await waiting.settle()
    expect(waiting.isOpen).toBe(true)
  })

  it('applies a cold room’s stored state first for a peer that already holds some of the plan', async () => {
    const room = await open()
    const state = (await log.loadPlan(PLAN))!
    const returning = new MemoryPeer('sales-3', 'sales', 303)
    peers.push(returning)
    Y.applyUpdate(returning.doc, state.snapshot)
    const sku = new PlanDoc(returning.doc).listSkus()[0]
    // An edit made offline, before it reconnects.
    new PlanDoc(returning.doc).writeCell('demand', sku, 3, 777)
    returning.outbox.length = 0
    returning.join(room)
    await returning.settle()
    await room.whenDurable()
    expect(returning.isOpen).toBe(true)
    expect(new PlanDoc(room.doc).readCell('demand', sku, 3)).toBe(777)
    expect(visiblePlan(returning.doc)).toBe(visiblePlan(room.doc))
    expect(new PlanDoc(await reloaded()).readCell('demand', sku, 3)).toBe(777)
  })

  it('stops taking updates when the store fails mid-append, closes its peers and relays nothing unsaved', async () => {
    const store = failingAppends(log)
    const room = await open({ store })
    const writer = await joined(room, 'sales-1', 'sales', 201)
    const reader = await joined(room, 'sales-2', 'sales', 202)
    const sku = new PlanDoc(room.doc).listSkus()[0]

    new PlanDoc(writer.doc).writeCell('demand', sku, 1, 11)
    await writer.settle()
    await reader.settle()
    expect(new PlanDoc(reader.doc).readCell('demand', sku, 1)).toBe(11)

    const savedBefore = writer.savedVectors.length
    store.failing = true
    new PlanDoc(writer.doc).writeCell('demand', sku, 2, 22)
    await writer.deliverToRoom()
    await room.whenDurable()

    expect(room.hasFailed).toBe(true)
    expect(writer.closedWith?.reason).toBe('internalError')
    expect(reader.closedWith?.reason).toBe('internalError')
    expect(room.peers.size).toBe(0)
    while (reader.inbox.length > 0) reader.deliverToPeer()
    expect(new PlanDoc(reader.doc).readCell('demand', sku, 2)).not.toBe(22)
    expect(writer.savedVectors.length).toBe(savedBefore)

    const appends = store.appends
    const late = new MemoryPeer('sales-3', 'sales', 203)
    peers.push(late)
    late.join(room)
    await late.settle()
    new PlanDoc(late.doc).writeCell('demand', sku, 3, 33)
    await late.settle()
    await room.whenDurable()
    expect(store.appends).toBe(appends)
    expect(new PlanDoc(room.doc).readCell('demand', sku, 3)).not.toBe(33)
    await expect(room.change('@system', () => {})).rejects.toThrow('not available')

    const stored = new PlanDoc(await reloaded())
    expect(stored.readCell('demand', sku, 1)).toBe(11)
    expect(stored.readCell('demand', sku, 2)).not.toBe(22)
  })

  it('asks a peer for the edits it lacks when a live update builds on them, instead of rejecting it', async () => {
    const room = await open()
    const writer = await joined(room, 'sales-1', 'sales', 301)
    const sku = new PlanDoc(room.doc).listSkus()[0]
    // The first edit never reaches the room (written while reconnecting, or its append failed).
    new PlanDoc(writer.doc).writeCell('demand', sku, 1, 11)
    writer.outbox.length = 0
    new PlanDoc(writer.doc).writeCell('demand', sku, 2, 22)
    await writer.settle()
    await room.whenDurable()

    expect(writer.rejections).toEqual([])
    expect(writer.isOpen).toBe(true)
    expect(new PlanDoc(room.doc).readCell('demand', sku, 1)).toBe(11)
    expect(new PlanDoc(room.doc).readCell('demand', sku, 2)).toBe(22)
    const stored = new PlanDoc(await reloaded())
    expect([stored.readCell('demand', sku, 1), stored.readCell('demand', sku, 2)]).toEqual([11, 22])
  })

  it('loses nothing when it compacts during a burst of edits', async () => {
    let compactions = 0
    const store: RoomStore = {
      feed: log.feed,
      loadPlan: (planId) => log.loadPlan(planId),
      appendUpdates: (...args) => log.appendUpdates(...args),
      changeEpoch: (...args) => log.changeEpoch(...args),
      compact: async (...args) => {
        compactions++
        // Slow enough that further appends land while the snapshot is written.
        for (let i = 0; i < 5; i++) await tick()
        return log.compact(...args)
      },
    }
    const room = await open({ store, compactAfter: 5, compactIdleMs: 0 })
    const writers = [
      await joined(room, 'sales-1', 'sales', 301),
      await joined(room, 'prod-1', 'production', 302),
    ]
    const skus = new PlanDoc(room.doc).listSkus()
    const random = seededRandom(11)
    for (let i = 0; i < 300; i++) {
      const writer = writers[i % 2]
      const measure = writer.role === 'production' ? 'supply' : 'demand'
      const sku = skus[Math.floor(random.next() * skus.length)]
      new PlanDoc(writer.doc).writeCell(measure, sku, Math.floor(random.next() * PERIODS), i)
      await writer.deliverToRoom()
      if (i % 3 === 0) await tick()
    }
    for (const writer of writers) await writer.settle()
    await room.whenDurable()
    for (let i = 0; i < 20; i++) await tick()

    expect(compactions).toBeGreaterThan(1)
    const stored = await log.loadPlan(PLAN)
    expect(stored?.updates.length).toBeLessThan(300)
    expect(visiblePlan(await reloaded())).toBe(visiblePlan(room.doc))
    for (const writer of writers) expect(visiblePlan(writer.doc)).toBe(visiblePlan(room.doc))
  })

  it('merges the stored state, and loses nothing, when another room compacted first', async () => {
    let refused = 0
    const store: RoomStore = {
      feed: undefined,
      loadPlan: (planId) => log.loadPlan(planId),
      appendUpdates: (...args) => log.appendUpdates(...args),
      changeEpoch: (...args) => log.changeEpoch(...args),
      compact: async (planId, compaction) => {
        const result = await log.compact(planId, compaction)
        if (!result.written) refused++
        return result
      },
    }
    // Two rooms of one plan that do not follow each other: as an instance paused while the
    // other writes and compacts.
    const first = await open({ store, compactAfter: 5, compactIdleMs: 0 })
    const second = await open({ store, compactAfter: 5, compactIdleMs: 0 })
    const alice = await joined(first, 'sales-1', 'sales', 501)
    const bob = await joined(second, 'prod-1', 'production', 502)
    const skus = new PlanDoc(first.doc).listSkus()
    const settled = async (condition: () => Promise<boolean>) => {
      for (let i = 0; i < 500 && !(await condition()); i++)
        await new Promise((resolve) => setTimeout(resolve, 10))
    }
    for (let i = 0; i < 60; i++) {
      new PlanDoc(alice.doc).writeCell('demand', skus[i % skus.length], i % PERIODS, 100 + i)
      await alice.settle()
    }
    await settled(async () => ((await log.loadPlan(PLAN))?.snapshotEpoch ?? 0) >= 1)
    const epochAfterAlice = (await log.loadPlan(PLAN))?.snapshotEpoch ?? 0
    expect(epochAfterAlice).toBeGreaterThanOrEqual(1)
    for (let i = 0; i < 60; i++) {
      new PlanDoc(bob.doc).writeCell('supply', skus[i % skus.length], i % PERIODS, 900 + i)
      await bob.settle()
    }
    await settled(async () => ((await log.loadPlan(PLAN))?.snapshotEpoch ?? 0) > epochAfterAlice)
    await bob.settle()

    expect(refused).toBeGreaterThan(0)
    const stored = new PlanDoc(await reloaded())
    expect(stored.demand.toJSON()).toEqual(new PlanDoc(alice.doc).demand.toJSON())
    expect(stored.supply.toJSON()).toEqual(new PlanDoc(bob.doc).supply.toJSON())
    // The merge relayed Alice's edits to Bob, who was in the room that had not seen them.
    expect(new PlanDoc(bob.doc).demand.toJSON()).toEqual(new PlanDoc(alice.doc).demand.toJSON())
  })

  it("lets a peer set only its own user's presence, and removes it when the peer leaves", async () => {
    const room = await open()
    const alice = await joined(room, 'alice', 'sales', 401)
    const bob = await joined(room, 'bob', 'sales', 402)
    const presenceOf = (clientID: number, state: Record<string, unknown> | null, clock = 0) => {
      const doc = new Y.Doc()
      doc.clientID = clientID
      const awareness = new awarenessProtocol.Awareness(doc)
      for (let i = 0; i < clock; i++) awareness.setLocalState({ tick: i })
      awareness.setLocalState(state)
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientID])
      awareness.destroy()
      doc.destroy()
      return update
    }

    alice.sendAwareness(presenceOf(9001, { user: { name: 'Alice' } }))
    await alice.settle()
    expect(room.awareness.getStates().get(9001)).toEqual({ user: { name: 'Alice' } })
    expect(room.awarenessUserOf(9001)).toBe('alice')

    bob.sendAwareness(presenceOf(9001, { user: { name: 'Mallory' } }, 5))
    await bob.settle()
    expect(room.awareness.getStates().get(9001)).toEqual({ user: { name: 'Alice' } })
    bob.sendAwareness(presenceOf(9001, null, 5))
    await bob.settle()
    expect(room.awareness.getStates().get(9001)).toEqual({ user: { name: 'Alice' } })
    expect(bob.isOpen).toBe(true)

    // Bob's own entry is his to set and to remove.
    bob.sendAwareness(presenceOf(9002, { user: { name: 'Bob' } }))
    await bob.settle()
    while (alice.inbox.length > 0) alice.deliverToPeer()
    expect(alice.awareness.getStates().get(9002)).toEqual({ user: { name: 'Bob' } })

    alice.close('normal')
    expect(room.awareness.getStates().has(9001)).toBe(false)
    expect(room.awareness.getStates().get(9002)).toEqual({ user: { name: 'Bob' } })

    // A reconnect of the same user takes over its entry; the old peer leaving then keeps it.
    const phone = await joined(room, 'bob', 'sales', 403)
    phone.sendAwareness(presenceOf(9002, { user: { name: 'Bob on the phone' } }, 1))
    await phone.settle()
    bob.close('normal')
    expect(room.awareness.getStates().get(9002)).toEqual({ user: { name: 'Bob on the phone' } })
    phone.close('normal')
    expect(room.awareness.getStates().size).toBe(0)
  })
})
