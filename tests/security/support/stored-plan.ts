import * as Y from 'yjs'
import type { PlanLog } from '@tandem/server'
import { ROOTS } from '@tandem/shared'

/** A plan's stored state (snapshot, then every logged update) materialized into a new Y.Doc. */
export async function materializeStoredPlan(store: PlanLog, planId: string): Promise<Y.Doc> {
  const state = await store.loadPlan(planId)
  if (!state) throw new Error(`plan ${planId} is not in the store`)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state.snapshot)
  for (const { update } of state.updates) Y.applyUpdate(doc, update)
  return doc
}

/** Names of the top-level types a document holds content under. */
export function rootNames(doc: Y.Doc): string[] {
  return [...doc.share.keys()]
}

/** Everything visible in a plan document, as one comparable string (map keys sorted). */
export function visibleState(doc: Y.Doc): string {
  const state: Record<string, unknown> = {}
  // Reading an absent root would create it, so roots outside the plan are read only if present.
  for (const root of new Set([...ROOTS, ...doc.share.keys()]))
    state[root] = doc.getMap(root).toJSON()
  return JSON.stringify(state, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  )
}
