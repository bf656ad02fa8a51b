import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Role } from '@tandem/shared'
import { checkUpdate, createPlanDoc, demoPlan, MESSAGE_TYPES, ROLES } from '@tandem/shared'
import { buildCorpus } from './support/fuzz-corpus.js'
import { planProblems } from './support/plan-problems.js'

/**
 * The same hostile corpus as fuzz.test.ts, without sockets, against several seeds: whatever
 * checkUpdate lets through must apply to the document cleanly. Yjs throwing halfway through an
 * update, or holding structs back as pending, leaves the live document different from what the
 * room stores and relays, so both are failures here.
 */
describe('updates the rules accept apply cleanly', () => {
  for (const seed of [1, 2, 3]) {
    it(`corpus seed ${seed}: no throw, no pending structs, the stored change equals the applied one`, () => {
      // Fixed clientIDs: the corpus is then the same on every machine (it once depended on
      // random ones, and a case that failed on a fresh clone passed on rerun).
      const template = createPlanDoc(demoPlan({ skuCount: 6, periodCount: 8 }), docWith(1)).doc
      const live = docWith(2)
      const replica = docWith(3)
      Y.applyUpdate(live, Y.encodeStateAsUpdate(template))
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(template))
      const corpus = buildCorpus(
        { template, userId: 'user-planner', foreignClient: 12345, maxPayload: 64 * 1024 },
        seed,
        10_000,
      )
      let captured: Uint8Array | null = null
      live.on('update', (update: Uint8Array) => (captured = update))
      let accepted = 0
      const failures: string[] = []
      corpus.forEach((entry, index) => {
        const update = syncPayload(entry.bytes)
        if (!update) return
        const role: Role = ROLES[index % ROLES.length]
        let verdict: ReturnType<typeof checkUpdate>
        try {
          verdict = checkUpdate(live, update, { role, userId: `user-${role}` })
        } catch {
          return // The socket closes with 4400 then; nothing is applied.
        }
        if (!verdict.ok) return
        accepted++
        captured = null
        try {
          Y.applyUpdate(live, verdict.update)
        } catch (error) {
          failures.push(`#${index} ${entry.kind}: apply threw ${String(error)}`)
        }
        if (live.store.pendingStructs || live.store.pendingDs) {
          failures.push(`#${index} ${entry.kind}: left pending structs`)
          live.store.pendingStructs = null
          live.store.pendingDs = null
        }
        if (captured) Y.applyUpdate(replica, captured)
      })
      expect(failures).toEqual([])
      expect(accepted).toBeGreaterThan(100)
      expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(live))
      expect(planProblems(live, 8)).toEqual([])
    })
  }
})

/** The update inside a sync step 2 or update message, or undefined for anything else. */
function syncPayload(bytes: Uint8Array): Uint8Array | undefined {
  try {
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.sync) return undefined
    const step = decoding.readVarUint(decoder)
    return step === 1 || step === 2 ? decoding.readVarUint8Array(decoder) : undefined
  } catch {
    return undefined
  }
}

function docWith(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}
