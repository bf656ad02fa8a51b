import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Measure, Role } from '@tandem/shared'
import { documentEpochOf, PlanDoc, seededRandom } from '@tandem/shared'
import { Room } from '../../server/src/rooms/room.js'
import type { PlanLog } from '../../server/src/store/plan-log.js'
import { MemoryPeer } from '../support/memory-peer.js'
import { createSeededPlan, silentRoomLogger, visiblePlan } from '../support/room-fixtures.js'
import { tempSqliteStore } from '../support/test-server.js'

const PLAN = 'plan-epoch-fuzz'
const PERIODS = 6

/** One person's board: the cells they write, and each write the room has not said `saved` for. */
interface Writer {
  peer: MemoryPeer
  measure: Measure
  skus: string[]
  pending: Map<string, { sku: string; period: number; value: number; clock: number }>
}

function savedClock(peer: MemoryPeer): number {
  return Math.max(
    0,
    ...peer.savedVectors.map((vector) => Y.decodeStateVector(vector).get(peer.doc.clientID) ?? 0),
  )
}

describe('Room across document epoch changes, with in-memory peers and seeded random delivery', () => {
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

  async function open(): Promise<Room> {
    const room = await Room.load(PLAN, { store: log, logger: silentRoomLogger, compactAfter: 1000 })
    if (!room) throw new Error('no plan')
    rooms.push(room)
    return room
  }

  for (const seed of [1, 2, 3, 4]) {
    it(`converges, and loses no edit, under seeded random delivery across two epoch changes (seed ${seed})`, async () => {
      const random = seededRandom(seed)
      let room = await open()
      const skus = new PlanDoc(room.doc).listSkus()
      let nextClient = 100
      /** The last value written to each cell; each cell has one writer, so the end state is known. */
      const lastWritten = new Map<string, number>()

      const cast: [string, Role, Measure, string[]][] = [
        ['sales-1', 'sales', 'demand', skus.slice(0, 2)],
        ['sales-2', 'sales', 'demand', skus.slice(2)],
        ['prod-1', 'production', 'supply', skus.slice(0, 2)],
        ['planner-1', 'planner', 'supply', skus.slice(2)],
      ]
      const join = async (user: string, role: Role): Promise<MemoryPeer> => {
        const peer = new MemoryPeer(user, role, nextClient++)
        peers.push(peer)
        peer.join(room)
        await peer.settle()
        return peer
      }
      const write = (writer: Writer, sku: string, period: number, value: number) => {
        new PlanDoc(writer.peer.doc).writeCell(writer.measure, sku, period, value)
        const clock = Y.getState(writer.peer.doc.store, writer.peer.doc.clientID)
        writer.pending.set(`${sku}:${period}`, { sku, period, value, clock })
        lastWritten.set(`${writer.measure}:${sku}:${period}`, value)
      }
      /** The board's path on epochChanged: a fresh copy of the new document, unsaved edits again. */
      const rebase = async (writer: Writer): Promise<Writer> => {
        const saved = savedClock(writer.peer)
        const next: Writer = { ...writer, peer: await join(writer.peer.userId, writer.peer.role) }
        next.pending = new Map()
        for (const edit of writer.pending.values())
          if (edit.clock > saved) write(next, edit.sku, edit.period, edit.value)
        return next
      }

      let writers: Writer[] = []
      for (const [user, role, measure, own] of cast)
        writers.push({ peer: await join(user, role), measure, skus: own, pending: new Map() })

      const epochSteps = [random.int(100, 300), random.int(400, 600)]
      let changing: Promise<number | undefined> | undefined
      let epochs = 0
      /** Once the change closed the peers (or, with `wait`, in any case): the new room, rebases. */
      const follow = async (wait: boolean) => {
        if (changing && (wait || writers.some((w) => w.peer.closedWith))) {
          expect(await changing).toBe(epochs + 1)
          changing = undefined
          epochs++
          room = await open()
          expect(documentEpochOf(room.doc)).toBe(epochs)
        }
        if (!changing && writers.some((w) => w.peer.closedWith)) {
          for (const w of writers)
            if (w.peer.closedWith) expect(w.peer.closedWith.reason).toBe('epochChanged')
          writers = await Promise.all(writers.map((w) => (w.peer.closedWith ? rebase(w) : w)))
        }
      }
      for (let step = 0; step < 900; step++) {
        if (epochSteps.includes(step)) {
          await follow(true)
          changing = room.startEpoch()
        }
        const writer = writers[random.int(0, writers.length - 1)]
        const action = random.next()
        if (action < 0.3) {
          write(writer, random.pick(writer.skus), random.int(0, PERIODS - 1), random.int(0, 999))
        } else if (action < 0.6) await writer.peer.deliverToRoom()
        else if (action < 0.9) writer.peer.deliverToPeer()
        else await new Promise((resolve) => setImmediate(resolve))
        await follow(false)
      }
      await follow(true)
      expect(epochs).toBe(2)

      for (let round = 0; round < 3; round++) for (const w of writers) await w.peer.settle()
      await room.whenDurable()
      for (const w of writers) {
        expect(w.peer.isOpen).toBe(true)
        expect(visiblePlan(w.peer.doc)).toBe(visiblePlan(room.doc))
      }
      const plan = new PlanDoc(room.doc)
      for (const [cell, value] of lastWritten) {
        const [measure, sku, period] = cell.split(':')
        expect(plan.readCell(measure as Measure, sku, Number(period)), cell).toBe(value)
      }

      const state = await log.loadPlan(PLAN)
      expect(state?.documentEpoch).toBe(2)
      const reloaded = new Y.Doc()
      if (state) {
        Y.applyUpdate(reloaded, state.snapshot)
        for (const { update } of state.updates) Y.applyUpdate(reloaded, update)
      }
      expect(visiblePlan(reloaded)).toBe(visiblePlan(room.doc))
    })
  }
})
