import * as Y from 'yjs'
import type { EditSourceRange } from '@tandem/shared'
import { changedCells, encodeEditSources } from '@tandem/shared'
import type { Generation } from './generation.js'
import { sourceOfOrigin } from './local-origin.js'

/**
 * Tells the server where my edits came from (grid, paste, spread, fill, undo) for its per-cell
 * history: each local transaction's clock range is declared in an `editSources` message just
 * before the provider sends the update (Yjs emits `afterTransaction` before `update`), and
 * every declaration not yet covered by `saved` is sent again when the socket reopens, before
 * sync step 1. Returns what `saved` calls to forget the declarations it covers.
 */
export function declareEditSources(state: Generation): (saved: Map<number, number>) => void {
  const { doc, plan, provider, undo } = state
  let declared: EditSourceRange[] = []
  const send = (ranges: EditSourceRange[]) => {
    const ws = provider.ws
    if (ranges.length > 0 && provider.wsconnected && ws && ws.readyState === ws.OPEN)
      ws.send(encodeEditSources(ranges))
  }
  const onTransaction = (transaction: Y.Transaction) => {
    const source = sourceOfOrigin(transaction.origin, undo)
    if (!source || changedCells(plan, transaction.changed).length === 0) return
    const clock = transaction.beforeState.get(doc.clientID) ?? 0
    const length = (transaction.afterState.get(doc.clientID) ?? 0) - clock
    const range = { client: doc.clientID, clock, length, source }
    declared.push(range)
    send([range])
  }
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') send(declared)
  }
  doc.on('afterTransaction', onTransaction)
  provider.on('status', onStatus)
  state.stops.push(() => {
    doc.off('afterTransaction', onTransaction)
    provider.off('status', onStatus)
  })
  return (saved) => {
    declared = declared.filter(({ client, clock, length }) => {
      const durable = saved.get(client) ?? 0
      return length === 0 ? clock > durable : clock + length > durable
    })
  }
}
