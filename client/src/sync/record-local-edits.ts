import * as Y from 'yjs'
import { changedCells } from '@tandem/shared'
import type { Generation } from './generation.js'
import { isLocalOrigin, REAPPLY_ORIGIN } from './local-origin.js'
import type { PendingEdits } from './pending-edits.js'

/**
 * Records every cell my edits, re-applies and undo steps write in the unsaved-edit ledger, with
 * the clock that covers it; `onRecorded` runs after each. Stops with the generation.
 */
export function recordLocalEdits(
  state: Generation,
  pending: PendingEdits,
  onRecorded: () => void,
): void {
  const { doc, plan, undo } = state
  const onTransaction = (transaction: Y.Transaction) => {
    const origin = transaction.origin as unknown
    if (!isLocalOrigin(origin) && origin !== REAPPLY_ORIGIN && origin !== undo) return
    const cells = changedCells(plan, transaction.changed)
    if (cells.length === 0) return
    pending.record(cells, doc.clientID, Y.getState(doc.store, doc.clientID))
    onRecorded()
  }
  doc.on('afterTransaction', onTransaction)
  state.stops.push(() => doc.off('afterTransaction', onTransaction))
}
