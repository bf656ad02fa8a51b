import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ExtensionMessage } from '@tandem/shared'
import { decodeExtensionMessage, MESSAGE_TYPES, PlanDoc } from '@tandem/shared'

/** A stock y-websocket client (the npm WebsocketProvider, unmodified) in Node. */
export interface StockClient {
  doc: Y.Doc
  plan: PlanDoc
  provider: WebsocketProvider
  /** Extension messages received (only with `ext: true`). */
  extensions: ExtensionMessage[]
  /** Close events of the underlying sockets. */
  closes: { code: number; reason: string }[]
  synced(): Promise<void>
  destroy(): void
}

/**
 * WebsocketProvider adds one `exit` listener to `process` per provider in Node (removed by
 * `destroy`), so a test with more than ten clients open at once would trip Node's leak warning
 * for listeners that are not leaked. The limit follows the providers open here, so a real leak
 * (a provider never destroyed, or any other listener) is still reported.
 */
let openProviders = 0
const BASE_LISTENERS = process.getMaxListeners()

function providerOpened(): void {
  openProviders++
  process.setMaxListeners(BASE_LISTENERS + openProviders)
}

function providerClosed(): void {
  openProviders = Math.max(0, openProviders - 1)
  process.setMaxListeners(BASE_LISTENERS + openProviders)
}

export function connectStockClient(
  syncUrl: string,
  planId: string,
  options: {
    token: string
    ext?: boolean
    doc?: Y.Doc
    reconnect?: boolean
    params?: Record<string, string>
  },
): StockClient {
  const doc = options.doc ?? new Y.Doc()
  const params: Record<string, string> = { ...options.params, token: options.token }
  if (options.ext) params.ext = '1'
  providerOpened()
  const provider = new WebsocketProvider(syncUrl, planId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
    maxBackoffTime: options.reconnect === false ? 1 : 2500,
  })
  let destroyed = false
  const extensions: ExtensionMessage[] = []
  const closes: { code: number; reason: string }[] = []
  for (const type of [MESSAGE_TYPES.saved, MESSAGE_TYPES.rejected]) {
    provider.messageHandlers[type] = (_encoder, decoder) => {
      const message = decodeExtensionMessage(decoder.arr.subarray(0))
      if (message) extensions.push(message)
    }
  }
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
    if (options.reconnect === false) provider.shouldConnect = false
  })
  return {
    doc,
    plan: new PlanDoc(doc),
    provider,
    extensions,
    closes,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) resolve()
        else provider.once('sync', (isSynced: boolean) => isSynced && resolve())
      }),
    destroy: () => {
      if (destroyed) return
      destroyed = true
      provider.destroy()
      doc.destroy()
      providerClosed()
    },
  }
}

/** Polls until `condition` holds, or fails after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
