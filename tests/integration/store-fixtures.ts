import { expect } from 'vitest'
import * as Y from 'yjs'
import type { PlanDoc } from '@tandem/shared'
import { createPlanDoc, demoPlan, ROOTS } from '@tandem/shared'
import type {
  Compaction,
  NewLogEntry,
  PlanLog,
  PlanRecord,
  StoredPlanState,
} from '../../server/src/store/plan-log.js'
import type { Stores } from '../../server/src/store/stores.js'
import type { UserRecord } from '../../server/src/store/user-record.js'

/** One backend's stores under test, plus ways to open another instance and to break it. */
export interface StoresUnderTest {
  stores: Stores
  /** Opens another instance on the same file or Redis; cleanup closes it too. */
  reopen: () => Promise<Stores>
  /**
   * Makes the backend fail the next `createUser` partway, for real (a trigger that aborts
   * after the row is written, a key of the wrong type); resolves to a function that repairs it.
   */
  breakUserCreation: () => Promise<() => Promise<void>>
  /** Closes every instance and removes the backing data. */
  cleanup: () => Promise<void>
}

export const AUTHOR = 'user-1'
export const OWNERS = { '1234': 'user-1', '99': 'user-2' }
export const anyTime = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)

/** A compaction that covers the log through `throughSeq`, built on the snapshot of `basedOnEpoch`. */
export function compaction(
  snapshot: Uint8Array,
  throughSeq: string,
  basedOnEpoch: number,
  clientOwners = OWNERS,
): Compaction {
  return { snapshot, throughSeq, clientOwners, basedOnEpoch }
}

export function authored(updates: Uint8Array[], author = AUTHOR): NewLogEntry[] {
  return updates.map((update) => ({ update, author }))
}

export function userRecord(email: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: `id-${email}`,
    email,
    name: `Name of ${email}`,
    passwordHash: 'scrypt$1$2$3$salt$hash',
    isAdmin: false,
    defaultRole: 'sales',
    disabled: false,
    createdAt: '2026-11-27T08:00:00.000Z',
    sessionVersion: 0,
    ...overrides,
  }
}

export function planRecord(id: string, createdAt = '2026-11-27T08:00:00.000Z'): PlanRecord {
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

export function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values)
}

export function text(value: string): Uint8Array {
  return new TextEncoder().encode(value)
}

export function decode(value: Uint8Array): string {
  return new TextDecoder().decode(value)
}

export function demoPlanDoc(): { plan: PlanDoc; snapshot: Uint8Array } {
  const plan = createPlanDoc(demoPlan({ skuCount: 5, periodCount: 4 }))
  return { plan, snapshot: Y.encodeStateAsUpdate(plan.doc) }
}

/** Real cell edits, one Yjs update each, as a room would append them. */
export function recordEdits(plan: PlanDoc, count: number, firstValue = 1000): Uint8Array[] {
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

export async function loadedPlan(store: PlanLog, planId: string): Promise<StoredPlanState> {
  const state = await store.loadPlan(planId)
  if (!state) throw new Error(`Plan ${planId} did not load`)
  return state
}

/** The document a state describes, optionally with only its first `updateCount` updates. */
export function materialize(state: StoredPlanState, updateCount = state.updates.length): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state.snapshot)
  for (const { update } of state.updates.slice(0, updateCount)) Y.applyUpdate(doc, update)
  return doc
}

/** A compacted snapshot, as the server would write it. */
export function documentOf(state: StoredPlanState, updateCount?: number): Uint8Array {
  return Y.encodeStateAsUpdate(materialize(state, updateCount))
}

export function planJson(state: StoredPlanState): Record<string, unknown> {
  const doc = materialize(state)
  return Object.fromEntries(ROOTS.map((root) => [root, doc.getMap(root).toJSON()]))
}

/** Seqs are opaque strings of digit groups ("12", "1700000000000-3"); compare group by group. */
export function compareSeq(a: string, b: string): number {
  const [left, right] = [a.split('-').map(BigInt), b.split('-').map(BigInt)]
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? -1n) - (right[i] ?? -1n)
    if (diff !== 0n) return diff < 0n ? -1 : 1
  }
  return 0
}

export function isIncreasing(seqs: string[]): boolean {
  return seqs.every((seq, i) => i === 0 || compareSeq(seqs[i - 1], seq) < 0)
}

export function sortBySeq<T extends { seq: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => compareSeq(a.seq, b.seq))
}
