import * as Y from 'yjs'
import type { PlanStore } from '@tandem/server'

/** Roots a probe reads, the plan's own and one that must never exist. */
const PROBED_ROOTS = ['meta', 'items', 'demand', 'supply', 'capacity', 'comments', 'flags', 'evil']

/** A plan's stored state (snapshot, then every logged update) materialized into a new Y.Doc. */
export async function materializeStoredPlan(store: PlanStore, planId: string): Promise<Y.Doc> {
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

/** Everything visible in a plan document, as one comparable string. */
export function visibleState(doc: Y.Doc): string {
  const state: Record<string, unknown> = {}
  for (const root of PROBED_ROOTS) state[root] = doc.getMap(root).toJSON()
  return JSON.stringify(state)
}
