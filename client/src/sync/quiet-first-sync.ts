import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { IndexeddbPersistence } from 'y-indexeddb'
import type { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE_TYPES } from '@tandem/shared'

/**
 * Until a connection has synced, the provider's sync messages that carry updates (sync step 2,
 * and the updates sent ahead of it) are applied with the document's `update` listeners off and
 * stored in IndexedDB as received.
 *
 * Yjs encodes a transaction's update only while the document has an `update` listener; the
 * provider (which ignores its own) and y-indexeddb (which would store it) both listen, so the
 * first sync of a large plan (10 MB for 10,000 × 104 weeks) was decoded, then encoded again
 * whole, a third more work on the way to the first paint. The bytes received are that update:
 * y-indexeddb stores them instead. Everything else (the server's sync step 1, later messages)
 * goes through the stock handler.
 */
export function quietFirstSync(provider: WebsocketProvider, persistence: IndexeddbPersistence) {
  const stock = provider.messageHandlers[MESSAGE_TYPES.sync]
  provider.messageHandlers[MESSAGE_TYPES.sync] = (encoder, decoder, from, emitSynced, type) => {
    const peek = decoding.clone(decoder)
    const step = decoding.readVarUint(peek)
    const carriesUpdate =
      step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate
    if (provider.synced || !carriesUpdate) return stock(encoder, decoder, from, emitSynced, type)
    decoding.readVarUint(decoder)
    const update = decoding.readVarUint8Array(decoder)
    encoding.writeVarUint(encoder, MESSAGE_TYPES.sync)
    if (step === syncProtocol.messageYjsSyncStep2) performance.mark('tandem:sync-received')
    const { doc } = provider
    doc.off('update', provider._updateHandler)
    doc.off('update', persistence._storeUpdate)
    try {
      Y.applyUpdate(doc, update, provider)
    } catch (error) {
      // As the stock handler does: a broken update is reported, and the connection goes on.
      console.error('Caught error while handling a Yjs update', error)
      return
    } finally {
      doc.on('update', provider._updateHandler)
      doc.on('update', persistence._storeUpdate)
    }
    persistence._storeUpdate(update, provider)
    if (emitSynced && step === syncProtocol.messageYjsSyncStep2) provider.synced = true
  }
}
