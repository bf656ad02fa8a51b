import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Role, SeededRandom } from '@tandem/shared'
import { checkUpdate, createPlanDoc, demoPlan, PlanDoc, seededRandom } from '@tandem/shared'
import { hostileEdit, NASTY_VALUES, plausibleEdit } from './support/hostile-edits.js'
import { planProblems } from './support/plan-problems.js'
import { forbiddenChanges, planValues } from './support/semantic-oracle.js'
import type { Mutation } from './support/struct-mutations.js'
import { MUTATIONS, mutateUpdate } from './support/struct-mutations.js'

const SERVER_CLIENT = 1
const USERS: { role: Role; userId: string; clientID: number }[] = [
  { role: 'planner', userId: 'user-planner', clientID: 11 },
  { role: 'sales', userId: 'user-sales', clientID: 12 },
  { role: 'production', userId: 'user-production', clientID: 13 },
  { role: 'viewer', userId: 'user-viewer', clientID: 14 },
]
const PERIODS = 8
const CELL_NASTIES = [
  ...NASTY_VALUES,
  { formula: 'HYPERLINK("http://evil","x")' },
  { toString: 1 },
  '=1+1',
]

/**
 * Four users (one per role, fixed clientIDs) edit one plan with real and hostile Yjs edits;
 * a third of their updates are then damaged struct by struct. Whatever checkUpdate accepts is
 * applied and judged by its effect alone, value by value, against the rules for the sender's
 * role: whatever trick the bytes use, a forbidden change fails the test. Seeds and clientIDs
 * are fixed, so every machine runs the same corpus.
 */
describe('semantic oracle over real and mutated updates', () => {
  for (const seed of [11, 12, 13, 14]) {
    it(`seed ${seed}: every accepted update makes only changes its sender may make`, () => {
      const random = seededRandom(seed)
      const live = new Y.Doc()
      live.clientID = SERVER_CLIENT
      createPlanDoc(demoPlan({ skuCount: 5, periodCount: PERIODS, seed }), live)
      new PlanDoc(live).meta.set('frozenThrough', 1)
      const owners = new Map<number, string>([[SERVER_CLIENT, '@system']])
      const docs = new Map(USERS.map((u) => [u.userId, synced(live, u.clientID)]))
      const tally = { accepted: 0, refused: 0, mutatedAccepted: 0 }
      const mutationsAccepted = new Map<Mutation, number>()
      const failures: string[] = []

      for (let step = 0; step < 700; step++) {
        const user = random.pick(USERS)
        let doc = docs.get(user.userId)!
        const update = localEdit(random, doc, user.userId)
        if (!update) continue
        const mutation = random.next() < 0.4 ? random.pick(MUTATIONS) : undefined
        const sent = mutation
          ? mutateUpdate(
              random,
              {
                live,
                otherClients: USERS.filter((u) => u !== user).map((u) => u.clientID),
                serverClient: SERVER_CLIENT,
                nastyValues: CELL_NASTIES,
              },
              update,
              mutation,
            )
          : update
        if (!sent) continue
        const before = planValues(live)
        const beforePlan = new PlanDoc(cloneDoc(live))
        const verdict = checkUpdate(live, sent, {
          role: user.role,
          userId: user.userId,
          ownsClient: (client) => (owners.get(client) ?? user.userId) === user.userId,
        })
        if (!verdict.ok) {
          tally.refused++
          // The sender's copy now holds what the server refused: start it again from the plan.
          docs.set(user.userId, synced(live, user.clientID))
          continue
        }
        tally.accepted++
        if (mutation) {
          tally.mutatedAccepted++
          mutationsAccepted.set(mutation, (mutationsAccepted.get(mutation) ?? 0) + 1)
        }
        for (const client of verdict.clients)
          if (!owners.has(client)) owners.set(client, user.userId)
        try {
          Y.applyUpdate(live, verdict.update)
        } catch (error) {
          failures.push(`step ${step} ${mutation ?? 'real'}: apply threw ${String(error)}`)
        }
        if (live.store.pendingStructs || live.store.pendingDs) {
          failures.push(`step ${step} ${mutation ?? 'real'}: left pending structs`)
          live.store.pendingStructs = null
          live.store.pendingDs = null
        }
        for (const problem of forbiddenChanges(before, planValues(live), beforePlan, user))
          failures.push(`step ${step} ${user.role} ${mutation ?? 'real'}: ${problem}`)
        doc = docs.get(user.userId)!
        if (mutation) docs.set(user.userId, synced(live, user.clientID))
        for (const [id, other] of docs) if (id !== user.userId || !mutation) catchUp(other, live)
      }
      expect(failures).toEqual([])
      expect(planProblems(live, PERIODS)).toEqual([])
      // The corpus must exercise both sides: honest edits get through, damage is refused.
      expect(tally.accepted).toBeGreaterThan(150)
      expect(tally.refused).toBeGreaterThan(150)
    })
  }
})

function synced(live: Y.Doc, clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live))
  // A user's copy continues after whatever the server already holds under its clientID.
  return doc
}

function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  copy.clientID = 2
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function catchUp(doc: Y.Doc, live: Y.Doc): void {
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live, Y.encodeStateVector(doc)))
}

/** One local transaction, honest or hostile, and the update it emits. */
function localEdit(random: SeededRandom, doc: Y.Doc, userId: string): Uint8Array | undefined {
  const before = Y.encodeStateVector(doc)
  const plan = new PlanDoc(doc)
  try {
    doc.transact(() => {
      if (random.next() < 0.6) plausibleEdit(random, plan, doc, userId)
      else hostileEdit(random, plan, doc)
    })
  } catch {
    // An edit the Yjs API itself refuses still leaves whatever it did before throwing.
  }
  const update = Y.encodeStateAsUpdate(doc, before)
  return Y.decodeUpdate(update).structs.length > 0 || update.length > 2 ? update : undefined
}
