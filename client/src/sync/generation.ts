import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { PlanDoc } from '@tandem/shared'
import type { PlanModel } from '@tandem/shared'
import { LOCAL_ORIGINS } from './local-origin.js'
import type { PlanLive } from './plan-live.js'
import { quietFirstSync } from './quiet-first-sync.js'

/** One document of a session: a resync throws it away and opens the next. */
export interface Generation {
  generation: number
  doc: Y.Doc
  plan: PlanDoc
  provider: WebsocketProvider
  persistence: IndexeddbPersistence
  undo: Y.UndoManager
  model: PlanModel | undefined
  everConnected: boolean
  /** The local copy is loaded (or unavailable) and the socket may connect. */
  ready: boolean
  stops: (() => void)[]
}

/** A fresh Y.Doc kept in IndexedDB under `storage`, with an unconnected provider and undo of local edits. */
export function openGeneration(
  generation: number,
  planId: string,
  syncUrl: string,
  storage: string,
): Generation {
  const doc = new Y.Doc()
  const plan = new PlanDoc(doc)
  const persistence = new IndexeddbPersistence(storage, doc)
  const provider = new WebsocketProvider(syncUrl, planId, doc, {
    connect: false,
    disableBc: true,
    params: { ext: '1' },
  })
  quietFirstSync(provider, persistence)
  const undo = new Y.UndoManager([plan.demand, plan.supply, plan.capacity, plan.overrideReasons], {
    trackedOrigins: new Set<unknown>(Object.values(LOCAL_ORIGINS)),
    captureTimeout: 0,
  })
  return {
    generation,
    doc,
    plan,
    provider,
    persistence,
    undo,
    model: undefined,
    everConnected: false,
    ready: false,
    stops: [],
  }
}

/** Stops everything a generation runs; `clearStorage` also deletes its local copy. */
export async function closeGeneration(state: Generation, clearStorage: boolean): Promise<void> {
  for (const stop of state.stops) stop()
  state.model?.destroy()
  state.undo.destroy()
  state.provider.destroy()
  if (clearStorage) await state.persistence.clearData()
  else await state.persistence.destroy()
  state.doc.destroy()
}

/** The generation's live objects, once its model is built. */
export function liveOf(state: Generation | undefined): PlanLive | undefined {
  if (!state?.model) return undefined
  const { generation, doc, plan, model, provider, undo } = state
  return { generation, doc, plan, model, provider, undo }
}
