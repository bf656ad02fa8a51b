import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import type { PlanDoc, PlanModel } from '@tandem/shared'

/** The live objects of one document generation; a resync replaces all of them. */
export interface PlanLive {
  generation: number
  doc: Y.Doc
  plan: PlanDoc
  model: PlanModel
  provider: WebsocketProvider
  undo: Y.UndoManager
}
