import * as Y from 'yjs'
import { CLOSE_CODES } from '@tandem/shared'
import { savedClock } from '../support/epoch-writer.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient } from '../support/stock-client.js'
import type { RunningServer } from './running-server.js'

/** What `overwriteLive` got the server to save. */
export interface LiveOverwrites {
  /** Overwrites the server acknowledged with `saved`. */
  saved: number
  /** Times the writer was closed with epochChanged and synced the new document. */
  epochs: number
}

/** Writes not yet saved that one writer keeps in flight. */
const WINDOW = 5000

/**
 * `count` overwrites cycling over 8 cells of one row, each written on a stock client's live
 * copy of the plan, so each one is an update of the document the server holds now. When the
 * server moves to a new document epoch (closing the writer with epochChanged), a fresh copy
 * syncs and the writes go on from the last one saved, as the board does. Resolves once the
 * server saved `count` of them; the writer's copy is gone by then.
 */
export async function overwriteLive(
  server: RunningServer,
  planId: string,
  count: number,
): Promise<LiveOverwrites> {
  let saved = 0
  let epochs = 0
  for (let session = 0; saved < count; session++) {
    const client = await connectWriter(server, planId, 999 + session)
    try {
      const done = await writeUntilClosed(client, saved, count)
      saved += done
      if (saved >= count) break
      if (!client.closes.some(({ code }) => code === CLOSE_CODES.epochChanged))
        throw new Error(`the writer was closed (${JSON.stringify(client.closes)})`)
      epochs++
    } finally {
      client.destroy()
    }
  }
  return { saved, epochs }
}

async function connectWriter(
  server: RunningServer,
  planId: string,
  clientID: number,
): Promise<StockClient> {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const client = connectStockClient(`ws://127.0.0.1:${server.port}/sync`, planId, {
    token: server.token ?? '',
    ext: true,
    doc,
    reconnect: false,
  })
  await until(
    () => client.provider.synced || client.closes.length > 0,
    120_000,
    'the writer synced',
  )
  if (!client.provider.synced)
    throw new Error(`closed before sync: ${JSON.stringify(client.closes)}`)
  return client
}

/** Writes overwrites `from`…`count − 1`; returns how many the server saved before it closed. */
async function writeUntilClosed(client: StockClient, from: number, count: number): Promise<number> {
  const sku = [...client.plan.demand.keys()].sort()[0]
  const own = () => Y.getState(client.doc.store, client.doc.clientID)
  /** The writer's clock after each write of this session. */
  const clocks: number[] = []
  const closed = () => client.closes.length > 0
  for (let i = from; i < count && !closed(); i++) {
    client.plan.writeCell('demand', sku, i % 8, (i % 997) + 1)
    clocks.push(own())
    if (clocks.length % 500 === 0)
      await until(() => closed() || own() - savedClock(client) <= WINDOW, 60_000, 'saved')
  }
  await until(() => closed() || savedClock(client) >= own(), 60_000, 'everything saved')
  const through = savedClock(client)
  return clocks.filter((clock) => clock <= through).length
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
