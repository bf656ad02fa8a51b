import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, documentEpochOf, writeCells } from '@tandem/shared'
import { connectRedisStores } from '@tandem/server'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer } from '../support/test-server.js'

describe('a document epoch change with two instances on one Redis', () => {
  let redis: RedisServer
  let one: TestServer
  let two: TestServer
  const clients: StockClient[] = []

  beforeAll(async () => {
    redis = await startRedisServer()
    const prefix = `epoch-${randomBytes(4).toString('hex')}`
    const jwtSecret = randomBytes(32).toString('hex')
    one = await startTestServer(await connectRedisStores(redis.url, { prefix }), { jwtSecret })
    two = await startTestServer(await connectRedisStores(redis.url, { prefix }), { jwtSecret })
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await one.close(true)
    await two.close(true)
    await redis.stop()
  })

  const connect = (server: TestServer, planId: string, clientID: number) => {
    const doc = new Y.Doc()
    doc.clientID = clientID
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens.planner,
      ext: true,
      doc,
      reconnect: false,
    })
    clients.push(client)
    return client
  }
  const savedThrough = (client: StockClient) =>
    Math.max(
      0,
      ...client.extensions.map((m) =>
        m.type === 'saved' ? (Y.decodeStateVector(m.stateVector).get(client.doc.clientID) ?? 0) : 0,
      ),
    )

  it('closes the other instance peers, refuses its old-epoch appends and loses no edit', async () => {
    const planId = await createPlan(one, { skuCount: 4, periodCount: 6 })
    const onOne = connect(one, planId, 301)
    const onTwo = connect(two, planId, 302)
    await Promise.all([onOne.synced(), onTwo.synced()])
    const [sku] = onTwo.plan.listSkus()
    writeCells(onTwo.plan, [{ measure: 'demand', key: sku, period: 1, value: 11 }])
    await waitFor(() => onOne.plan.readCell('demand', sku, 1) === 11, 5000, 'relayed')

    const epoch = fetch(`${one.url}/api/plans/${planId}/epoch`, {
      method: 'POST',
      headers: one.headers('planner'),
    })
    // Written while the change runs: saved before it (and then in the new epoch), or refused
    // by the store's guard and kept pending on its client.
    writeCells(onTwo.plan, [{ measure: 'demand', key: sku, period: 2, value: 22 }])
    const clock = Y.getState(onTwo.doc.store, onTwo.doc.clientID)
    expect((await (await epoch).json()) as unknown).toEqual({ documentEpoch: 1 })
    await waitFor(() => onTwo.closes.length > 0, 5000, 'instance two closed its peer')
    expect(onTwo.closes[0].code).toBe(CLOSE_CODES.epochChanged)
    expect(onOne.closes[0]?.code).toBe(CLOSE_CODES.epochChanged)

    // An append for the old epoch, from instance two's store, is refused and writes nothing.
    const before = await two.store.log.loadPlan(planId)
    await expect(
      two.store.log.appendUpdates(planId, [{ update: new Uint8Array([0, 0]), author: 'x' }], {
        documentEpoch: 0,
      }),
    ).rejects.toMatchObject({ storedDocumentEpoch: 1 })
    expect((await two.store.log.loadPlan(planId))?.updates).toEqual(before?.updates)

    // The board's path: a fresh document on instance two, the unsaved edit written again.
    const pending = savedThrough(onTwo) >= clock ? [] : [{ period: 2, value: 22 }]
    const again = connect(two, planId, 303)
    await again.synced()
    expect(documentEpochOf(again.doc)).toBe(1)
    writeCells(
      again.plan,
      pending.map((edit) => ({ measure: 'demand' as const, key: sku, ...edit })),
    )
    const reader = connect(one, planId, 304)
    await reader.synced()
    await waitFor(() => reader.plan.readCell('demand', sku, 2) === 22, 5000, 'the edit landed')
    expect(reader.plan.readCell('demand', sku, 1)).toBe(11)
    expect(documentEpochOf(reader.doc)).toBe(1)
  })
})
