import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PlanDoc } from '@tandem/shared'
import { createPlanDoc, demoPlan, ROOTS } from '@tandem/shared'
import type {
  NewLogEntry,
  PlanRecord,
  PlanStore,
  StoredPlanState,
} from '../../server/src/store/plan-store.js'
import {
  PlanExistsError,
  PlanMissingError,
  VersionExistsError,
} from '../../server/src/store/plan-store.js'
import type { UserRecord } from '../../server/src/store/user-record.js'
import { UserExistsError } from '../../server/src/store/user-record.js'

/** A store under test, plus a way to open another one on the same backing data. */
export interface StoreUnderTest {
  store: PlanStore
  /** Opens another instance on the same file or Redis; cleanup closes it too. */
  reopen: () => Promise<PlanStore>
  /** Closes every instance and removes the backing data. */
  cleanup: () => Promise<void>
}

/** The one contract every PlanStore backend passes, run once per backend. */
export function describeStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
): void {
  describe(`${name} (PlanStore contract)`, () => {
    let subject: StoreUnderTest
    let store: PlanStore

    beforeEach(async () => {
      subject = await makeStore()
      store = subject.store
    })
    afterEach(() => subject.cleanup())

    it('creates, lists and deletes plans', async () => {
      const later = planRecord('plan-b', '2026-11-02T09:00:00.000Z')
      const earlier = planRecord('plan-a', '2026-11-01T09:00:00.000Z')
      await store.createPlan(later, bytes(1, 2, 3))
      await store.createPlan(earlier, bytes(4, 5, 6))

      expect(await store.listPlans()).toEqual([earlier, later])
      expect(await store.getPlan('plan-b')).toEqual(later)
      expect(await store.getPlan('no-such-plan')).toBeUndefined()

      expect(await store.deletePlan('plan-b')).toBe(true)
      expect(await store.deletePlan('plan-b')).toBe(false)
      expect(await store.listPlans()).toEqual([earlier])
      expect(await store.getPlan('plan-b')).toBeUndefined()
      expect(await store.loadPlan('plan-b')).toBeUndefined()
    })

    it('refuses a second plan with the same id and keeps the first', async () => {
      const record = planRecord('plan-a')
      await store.createPlan(record, bytes(1, 2, 3))

      const again = store.createPlan({ ...record, name: 'Impostor' }, bytes(9))
      await expect(again).rejects.toBeInstanceOf(PlanExistsError)
      expect(await store.getPlan('plan-a')).toEqual(record)
      expect((await store.loadPlan('plan-a'))?.snapshot).toEqual(bytes(1, 2, 3))
    })

    it('loads appended updates byte for byte, in order, with increasing seqs', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(0, 255, 0))
      const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i)
      const first = [everyByte, bytes(0), bytes(0xff, 0xfe, 0x00, 0x0d, 0x0a)]
      const second = [bytes(42), everyByte.slice().reverse()]

      const seqs = [
        ...(await store.appendUpdates('plan-a', authored(first))),
        ...(await store.appendUpdates('plan-a', authored(second))),
      ]
      const loaded = await store.loadPlan('plan-a')

      expect(loaded?.snapshot).toEqual(bytes(0, 255, 0))
      expect(loaded?.updates).toEqual(
        [...first, ...second].map((update, i) => ({
          seq: seqs[i],
          update,
          author: AUTHOR,
          at: anyTime,
        })),
      )
      expect(isIncreasing(seqs)).toBe(true)
    })

    it('loads the same document after compaction as before it', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await store.createPlan(planRecord('plan-a'), snapshot)
      const edits = recordEdits(plan, 10)
      const seqs = await store.appendUpdates('plan-a', authored(edits))
      const before = await loadedPlan(store, 'plan-a')
      expect(planJson(before).demand).toEqual(plan.demand.toJSON())

      await store.compact('plan-a', documentOf(before, 5), seqs[4], OWNERS)
      const halfway = await loadedPlan(store, 'plan-a')
      expect(halfway.updates.map(({ seq }) => seq)).toEqual(seqs.slice(5))
      expect(planJson(halfway)).toEqual(planJson(before))

      await store.compact('plan-a', documentOf(halfway), seqs[9], OWNERS)
      const compacted = await loadedPlan(store, 'plan-a')
      expect(compacted.updates).toEqual([])
      expect(planJson(compacted)).toEqual(planJson(before))
    })

    it('keeps the entries appended after throughSeq when compacting', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await store.createPlan(planRecord('plan-a'), snapshot)
      const covered = recordEdits(plan, 3)
      const coveredSeqs = await store.appendUpdates('plan-a', authored(covered))
      const compactedSnapshot = documentOf(await loadedPlan(store, 'plan-a'))
      const later = recordEdits(plan, 3, 100)
      const laterSeqs = await store.appendUpdates('plan-a', authored(later))

      await store.compact('plan-a', compactedSnapshot, coveredSeqs[2], OWNERS)
      const loaded = await loadedPlan(store, 'plan-a')

      expect(loaded.updates).toEqual(
        later.map((update, i) => ({ seq: laterSeqs[i], update, author: AUTHOR, at: anyTime })),
      )
      expect(planJson(loaded).demand).toEqual(plan.demand.toJSON())
    })

    it('keeps every update exactly once when two connections append at once', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(0))
      const other = await subject.reopen()
      const batches = Array.from({ length: 40 }, (_, b) =>
        Array.from({ length: 1 + (b % 3) }, (_, u) => text(`batch ${b} update ${u}`)),
      )

      const seqs = await Promise.all(
        batches.map((batch, b) => (b % 2 ? other : store).appendUpdates('plan-a', authored(batch))),
      )
      const loaded = await loadedPlan(store, 'plan-a')

      const appended = batches.flatMap((batch, b) =>
        batch.map((update, u) => ({ seq: seqs[b][u], update: decode(update) })),
      )
      const stored = loaded.updates.map(({ seq, update }) => ({ seq, update: decode(update) }))
      expect(stored).toHaveLength(appended.length)
      expect(sortBySeq(stored)).toEqual(sortBySeq(appended))
      expect(isIncreasing(stored.map(({ seq }) => seq))).toBe(true)
      for (const batchSeqs of seqs) expect(isIncreasing(batchSeqs)).toBe(true)
    })

    it('keeps plans, snapshots and logs after closing and reopening', async () => {
      const { plan, snapshot } = demoPlanDoc()
      const record = planRecord('plan-a')
      await store.createPlan(record, snapshot)
      const seqs = await store.appendUpdates('plan-a', authored(recordEdits(plan, 4)))
      await store.compact(
        'plan-a',
        documentOf(await loadedPlan(store, 'plan-a'), 2),
        seqs[1],
        OWNERS,
      )
      await store.appendUpdates('plan-a', authored(recordEdits(plan, 2, 200)))
      const before = await loadedPlan(store, 'plan-a')
      await store.close()

      const reopened = await subject.reopen()
      expect(await reopened.listPlans()).toEqual([record])
      expect(await reopened.loadPlan('plan-a')).toEqual(before)
      expect(planJson(before).demand).toEqual(plan.demand.toJSON())
      const [next] = await reopened.appendUpdates('plan-a', authored([bytes(7)]))
      expect(isIncreasing([...before.updates.map(({ seq }) => seq), next])).toBe(true)
    })

    it('refuses appends and compaction for a missing plan', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(0))
      const [seq] = await store.appendUpdates('plan-a', authored([bytes(1)]))

      await expect(
        store.appendUpdates('no-such-plan', authored([bytes(1)])),
      ).rejects.toBeInstanceOf(PlanMissingError)
      await expect(store.appendUpdates('no-such-plan', [])).rejects.toBeInstanceOf(PlanMissingError)
      await expect(store.compact('no-such-plan', bytes(0), seq, OWNERS)).rejects.toBeInstanceOf(
        PlanMissingError,
      )
      expect(await store.getPlan('no-such-plan')).toBeUndefined()
    })

    it('removes the log with the plan', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(1))
      await store.appendUpdates('plan-a', authored([bytes(2), bytes(3)]))
      expect(await store.deletePlan('plan-a')).toBe(true)

      await store.createPlan(planRecord('plan-a'), bytes(4))
      expect(await store.loadPlan('plan-a')).toEqual({
        snapshot: bytes(4),
        clientOwners: {},
        updates: [],
      })
    })

    it('records who appended each update and when', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(0))
      const before = Date.now()
      await store.appendUpdates('plan-a', [
        { update: bytes(1), author: 'alice' },
        { update: bytes(2), author: 'bob' },
      ])
      const loaded = await loadedPlan(store, 'plan-a')
      expect(loaded.updates.map(({ author }) => author)).toEqual(['alice', 'bob'])
      for (const { at } of loaded.updates) {
        expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000)
        expect(Date.parse(at)).toBeLessThanOrEqual(Date.now() + 1000)
      }
    })

    it('keeps the clientID owners a compaction covers', async () => {
      const { plan, snapshot } = demoPlanDoc()
      await store.createPlan(planRecord('plan-a'), snapshot)
      expect((await loadedPlan(store, 'plan-a')).clientOwners).toEqual({})
      const seqs = await store.appendUpdates('plan-a', authored(recordEdits(plan, 2)))
      await store.compact('plan-a', documentOf(await loadedPlan(store, 'plan-a')), seqs[1], OWNERS)
      expect((await loadedPlan(store, 'plan-a')).clientOwners).toEqual(OWNERS)
    })

    it('creates, finds, lists and updates users, refusing a taken email', async () => {
      const ann = userRecord('ann@example.com')
      const bob = userRecord('bob@example.com', {
        createdAt: '2026-11-28T08:00:00.000Z',
        isAdmin: true,
        defaultRole: null,
      })
      await store.createUser(ann)
      await store.createUser(bob)
      await expect(store.createUser({ ...ann, id: 'other-id' })).rejects.toBeInstanceOf(
        UserExistsError,
      )
      expect(await store.getUser(ann.id)).toEqual(ann)
      expect(await store.getUserByEmail('bob@example.com')).toEqual(bob)
      expect(await store.getUserByEmail('nobody@example.com')).toBeUndefined()
      expect(await store.listUsers()).toEqual([ann, bob])
      const updated = await store.updateUser(ann.id, {
        disabled: true,
        defaultRole: 'viewer',
        name: 'Ann B.',
      })
      expect(updated).toEqual({ ...ann, disabled: true, defaultRole: 'viewer', name: 'Ann B.' })
      expect(await store.getUser(ann.id)).toEqual(updated)
      expect(await store.updateUser('no-such-user', { disabled: true })).toBeUndefined()
    })

    it('keeps roles per plan and drops them with the plan', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(0))
      await store.createPlan(planRecord('plan-b'), bytes(0))
      const ann = userRecord('ann@example.com')
      await store.createUser(ann)
      await store.setPlanRole('plan-a', ann.id, 'production')
      expect(await store.getPlanRoles('plan-a')).toEqual({ [ann.id]: 'production' })
      expect(await store.getPlanRoles('plan-b')).toEqual({})
      await store.setPlanRole('plan-a', ann.id, 'viewer')
      expect(await store.getPlanRoles('plan-a')).toEqual({ [ann.id]: 'viewer' })
      await store.setPlanRole('plan-a', ann.id, null)
      expect(await store.getPlanRoles('plan-a')).toEqual({})
      await store.setPlanRole('plan-b', ann.id, 'sales')
      await store.deletePlan('plan-b')
      await store.createPlan(planRecord('plan-b'), bytes(0))
      expect(await store.getPlanRoles('plan-b')).toEqual({})
    })

    it('keeps the first value of a setting', async () => {
      expect(await store.ensureSetting('jwtSecret', 'first')).toBe('first')
      expect(await store.ensureSetting('jwtSecret', 'second')).toBe('first')
      const other = await subject.reopen()
      expect(await other.ensureSetting('jwtSecret', 'third')).toBe('first')
    })

    it('keeps every value a cell had, newest first, across compaction, and an activity feed', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(0))
      const cell = { measure: 'demand' as const, key: 'SKU-1', period: 3 }
      const [first] = await store.appendUpdates('plan-a', [
        {
          update: bytes(1),
          author: 'alice',
          cells: [
            { ...cell, value: 10 },
            { ...cell, period: 4, value: 11 },
          ],
        },
      ])
      await store.appendUpdates('plan-a', [{ update: bytes(2), author: 'carol' }])
      const [third] = await store.appendUpdates('plan-a', [
        { update: bytes(3), author: 'bob', cells: [{ ...cell, value: 12.5 }] },
        {
          update: bytes(4),
          author: 'alice',
          cells: [{ measure: 'supply', key: 'SKU-2', period: 0, value: 7 }],
        },
      ])
      await store.compact('plan-a', bytes(9), third, OWNERS)

      const history = await store.cellHistory('plan-a', cell, 10)
      expect(history.map(({ value, author }) => [value, author])).toEqual([
        [12.5, 'bob'],
        [10, 'alice'],
      ])
      expect(history.map(({ seq }) => seq)).toEqual([third, first])
      expect(await store.cellHistory('plan-a', cell, 1)).toHaveLength(1)
      expect(await store.cellHistory('plan-a', { ...cell, key: 'SKU-9' }, 10)).toEqual([])

      const feed = await store.activity('plan-a', 10)
      expect(
        feed.map(({ author, cells, measures, keys }) => [author, cells, measures, keys]),
      ).toEqual([
        ['alice', 1, ['supply'], ['SKU-2']],
        ['bob', 1, ['demand'], ['SKU-1']],
        ['alice', 2, ['demand'], ['SKU-1']],
      ])
      expect(await store.activity('plan-a', 2)).toHaveLength(2)
    })

    it('stores immutable named versions and drops them with the plan', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(0))
      const dec = {
        id: 'v-dec',
        planId: 'plan-a',
        name: 'Consensus plan, Dec 2026',
        note: 'Agreed in S&OP',
        author: 'paula',
        createdAt: '2026-12-01T10:00:00.000Z',
      }
      const jan = {
        ...dec,
        id: 'v-jan',
        name: 'Consensus plan, Jan 2027',
        createdAt: '2027-01-01T10:00:00.000Z',
      }
      await store.createVersion(jan, bytes(2, 2))
      await store.createVersion(dec, bytes(1, 1, 1))
      await expect(
        store.createVersion({ ...dec, name: 'Overwrite' }, bytes(9)),
      ).rejects.toBeInstanceOf(VersionExistsError)
      await expect(
        store.createVersion({ ...dec, planId: 'no-such-plan' }, bytes(9)),
      ).rejects.toBeInstanceOf(PlanMissingError)
      expect(await store.listVersions('plan-a')).toEqual([dec, jan])
      expect(await store.loadVersion('plan-a', 'v-dec')).toEqual({
        record: dec,
        snapshot: bytes(1, 1, 1),
      })
      expect(await store.loadVersion('plan-a', 'v-none')).toBeUndefined()
      await store.deletePlan('plan-a')
      await store.createPlan(planRecord('plan-a'), bytes(0))
      expect(await store.listVersions('plan-a')).toEqual([])
      expect(await store.loadVersion('plan-a', 'v-dec')).toBeUndefined()
    })

    it('keeps per-user read marks that only move forward', async () => {
      await store.createPlan(planRecord('plan-a'), bytes(0))
      await store.setReadMark('plan-a', 'ann', 'thread-1', '2026-11-27T10:00:00.000Z')
      await store.setReadMark('plan-a', 'ann', 'thread-2', '2026-11-27T09:00:00.000Z')
      await store.setReadMark('plan-a', 'ann', 'thread-1', '2026-11-27T08:00:00.000Z')
      await store.setReadMark('plan-a', 'bob', 'thread-1', '2026-11-27T11:00:00.000Z')
      expect(await store.getReadMarks('plan-a', 'ann')).toEqual({
        'thread-1': '2026-11-27T10:00:00.000Z',
        'thread-2': '2026-11-27T09:00:00.000Z',
      })
      expect(await store.getReadMarks('plan-a', 'carol')).toEqual({})
      await expect(
        store.setReadMark('no-such-plan', 'ann', 't', '2026-11-27T10:00:00.000Z'),
      ).rejects.toBeInstanceOf(PlanMissingError)
      await store.deletePlan('plan-a')
      await store.createPlan(planRecord('plan-a'), bytes(0))
      expect(await store.getReadMarks('plan-a', 'ann')).toEqual({})
    })

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true)
    })
  })
}

const AUTHOR = 'user-1'
const OWNERS = { '1234': 'user-1', '99': 'user-2' }
const anyTime = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)

function authored(updates: Uint8Array[], author = AUTHOR): NewLogEntry[] {
  return updates.map((update) => ({ update, author }))
}

function userRecord(email: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: `id-${email}`,
    email,
    name: `Name of ${email}`,
    passwordHash: 'scrypt$1$2$3$salt$hash',
    isAdmin: false,
    defaultRole: 'sales',
    disabled: false,
    createdAt: '2026-11-27T08:00:00.000Z',
    ...overrides,
  }
}

function planRecord(id: string, createdAt = '2026-11-27T08:00:00.000Z'): PlanRecord {
  return {
    id,
    name: `Plan ${id}`,
    periodKind: 'week',
    firstPeriod: '2026-11-30',
    periodCount: 4,
    skuCount: 5,
    createdAt,
  }
}

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values)
}

function text(value: string): Uint8Array {
  return new TextEncoder().encode(value)
}

function decode(value: Uint8Array): string {
  return new TextDecoder().decode(value)
}

function demoPlanDoc(): { plan: PlanDoc; snapshot: Uint8Array } {
  const plan = createPlanDoc(demoPlan({ skuCount: 5, periodCount: 4 }))
  return { plan, snapshot: Y.encodeStateAsUpdate(plan.doc) }
}

/** Real cell edits, one Yjs update each, as a room would append them. */
function recordEdits(plan: PlanDoc, count: number, firstValue = 1000): Uint8Array[] {
  const updates: Uint8Array[] = []
  const onUpdate = (update: Uint8Array) => updates.push(update)
  plan.doc.on('update', onUpdate)
  const skus = plan.listSkus()
  for (let i = 0; i < count; i++) {
    plan.writeCell('demand', skus[i % skus.length], i % plan.periodCount, firstValue + i)
  }
  plan.doc.off('update', onUpdate)
  return updates
}

async function loadedPlan(store: PlanStore, planId: string): Promise<StoredPlanState> {
  const state = await store.loadPlan(planId)
  if (!state) throw new Error(`Plan ${planId} did not load`)
  return state
}

/** The document a state describes, optionally with only its first `updateCount` updates. */
function materialize(state: StoredPlanState, updateCount = state.updates.length): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state.snapshot)
  for (const { update } of state.updates.slice(0, updateCount)) Y.applyUpdate(doc, update)
  return doc
}

/** A compacted snapshot, as the server would write it. */
function documentOf(state: StoredPlanState, updateCount?: number): Uint8Array {
  return Y.encodeStateAsUpdate(materialize(state, updateCount))
}

function planJson(state: StoredPlanState): Record<string, unknown> {
  const doc = materialize(state)
  return Object.fromEntries(ROOTS.map((root) => [root, doc.getMap(root).toJSON()]))
}

/** Seqs are opaque strings of digit groups ("12", "1700000000000-3"); compare group by group. */
function compareSeq(a: string, b: string): number {
  const [left, right] = [a.split('-').map(BigInt), b.split('-').map(BigInt)]
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? -1n) - (right[i] ?? -1n)
    if (diff !== 0n) return diff < 0n ? -1 : 1
  }
  return 0
}

function isIncreasing(seqs: string[]): boolean {
  return seqs.every((seq, i) => i === 0 || compareSeq(seqs[i - 1], seq) < 0)
}

function sortBySeq<T extends { seq: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => compareSeq(a.seq, b.seq))
}
