import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CellHistoryResponse, EditSourceRange } from '@tandem/shared'
import { encodeEditSources, seededRandom } from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

const SKU = 'SKU-00002'

/**
 * Paula (planner) and Sam (sales) type into one demand cell at once: each edits while cut off
 * from the other, then both updates reach the server, in a seeded order. The stored history
 * must list each of them with the value they typed, and the value the cell kept must be the
 * document's.
 */
describe('per-cell history under two racing writers, over real sockets', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  const clients: StockClient[] = []

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 6, periodCount: 12 })
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  /** A client with a fixed clientID that declares `sources()` whenever its socket opens. */
  const writer = async (account: TestAccount, clientID: number) => {
    const doc = new Y.Doc()
    doc.clientID = clientID
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
      doc,
    })
    clients.push(client)
    const declared: EditSourceRange[] = []
    client.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected' && declared.length > 0)
        client.provider.ws?.send(encodeEditSources(declared))
    })
    await client.synced()
    return { client, declared, userId: server.users[account].id }
  }

  const savedUpTo = (client: StockClient) => {
    const clock = Y.getState(client.doc.store, client.doc.clientID)
    return waitFor(
      () =>
        client.extensions.some(
          (m) =>
            m.type === 'saved' &&
            (Y.decodeStateVector(m.stateVector).get(client.doc.clientID) ?? 0) >= clock,
        ),
      5000,
      'saved',
    )
  }

  const history = async (period: number): Promise<CellHistoryResponse> => {
    const query = new URLSearchParams({ measure: 'demand', key: SKU, period: String(period) })
    const response = await fetch(`${server.url}/api/plans/${planId}/history?${query}`, {
      headers: server.headers('viewer'),
    })
    expect(response.status).toBe(200)
    return (await response.json()) as CellHistoryResponse
  }

  it('stores each writer under their own name, value and source, in seeded random orders', async () => {
    const paula = await writer('planner', 1001)
    const sam = await writer('sales', 2002)
    const random = seededRandom(13)
    for (let period = 1; period <= 6; period++) {
      const base = paula.client.plan.readCell('demand', SKU, period)
      const typed = { paula: random.int(100, 499), sam: random.int(500, 999) }
      paula.client.provider.disconnect()
      sam.client.provider.disconnect()
      for (const [who, person] of [
        ['paula', paula],
        ['sam', sam],
      ] as const) {
        const { doc } = person.client
        const clock = Y.getState(doc.store, doc.clientID)
        person.client.plan.writeCell('demand', SKU, period, typed[who])
        const length = Y.getState(doc.store, doc.clientID) - clock
        if (who === 'paula')
          person.declared.push({ client: doc.clientID, clock, length, source: 'paste' })
      }
      const order = random.next() < 0.5 ? [paula, sam] : [sam, paula]
      for (const person of order) {
        person.client.provider.connect()
        await person.client.synced()
        await savedUpTo(person.client)
      }
      await waitFor(
        () =>
          paula.client.plan.readCell('demand', SKU, period) ===
          sam.client.plan.readCell('demand', SKU, period),
        5000,
        'both clients converge',
      )
      const shown = paula.client.plan.readCell('demand', SKU, period)
      // Yjs keeps the write of the higher clientID when two are concurrent.
      expect(shown).toBe(typed.sam)

      const stored = await history(period)
      expect(stored.base).toBe(base)
      expect(stored.current).toBe(shown)
      const [second, first] = stored.history
      expect(stored.history).toHaveLength(2)
      const arrived = order.map((person) => person.userId)
      expect([first.author, second.author]).toEqual(arrived)
      for (const entry of stored.history) {
        const who = entry.author === paula.userId ? 'paula' : 'sam'
        expect(entry.value).toBe(typed[who])
        expect(entry.source).toBe(who === 'paula' ? 'paste' : 'grid')
      }
      expect(first.previous).toBe(base)
      expect(first.shown).toBe(first.value)
      expect(second.previous).toBe(first.value)
      expect(second.shown).toBe(shown)
    }
  })

  it('refuses a declared source a client may not claim, or for a clientID that is not theirs', async () => {
    const paula = await writer('planner', 1001)
    const sam = await writer('sales', 2002)
    paula.client.plan.writeCell('demand', SKU, 3, 10)
    await savedUpTo(paula.client)
    const samClock = Y.getState(sam.client.doc.store, 2002)
    sam.client.provider.ws?.send(
      encodeEditSources([
        { client: 2002, clock: samClock, length: 1, source: 'restore' },
        { client: 1001, clock: 1, length: 1, source: 'spread' },
      ]),
    )
    sam.client.plan.writeCell('demand', SKU, 3, 20)
    await savedUpTo(sam.client)
    paula.client.plan.writeCell('demand', SKU, 3, 30)
    await savedUpTo(paula.client)
    const stored = await history(3)
    expect(stored.history.map(({ value, source }) => [value, source])).toEqual([
      [30, 'grid'],
      [20, 'grid'],
      [10, 'grid'],
    ])
    expect(stored.current).toBe(30)
  })
})
