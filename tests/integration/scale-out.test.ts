import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectRedisStores } from '@tandem/server'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer } from '../support/test-server.js'

describe('several server instances sharing one Redis', () => {
  let redis: RedisServer
  let one: TestServer
  let two: TestServer
  const clients: StockClient[] = []

  beforeAll(async () => {
    redis = await startRedisServer()
    const prefix = `scale-${randomBytes(4).toString('hex')}`
    const jwtSecret = randomBytes(32).toString('hex')
    one = await startTestServer(await connectRedisStores(redis.url, { prefix }), {
      jwtSecret,
      compactAfter: 40,
      compactIdleMs: 10,
    })
    two = await startTestServer(await connectRedisStores(redis.url, { prefix }), {
      jwtSecret,
      compactAfter: 40,
      compactIdleMs: 10,
    })
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await one.close(true)
    await two.close(true)
    await redis.stop()
  })

  const connect = (
    server: TestServer,
    planId: string,
    account: 'sales' | 'production' | 'viewer',
  ) => {
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
    })
    clients.push(client)
    return client
  }

  it('relays edits and presence between clients on different instances', async () => {
    const planId = await createPlan(one, { skuCount: 5, periodCount: 6 })
    const onOne = connect(one, planId, 'sales')
    const onTwo = connect(two, planId, 'production')
    await Promise.all([onOne.synced(), onTwo.synced()])
    const sku = onOne.plan.listSkus()[0]
    onOne.plan.writeCell('demand', sku, 1, 4321)
    onTwo.plan.writeCell('supply', sku, 2, 1234)
    await waitFor(
      () => onTwo.plan.readCell('demand', sku, 1) === 4321,
      5000,
      'demand reaches instance two',
    )
    await waitFor(
      () => onOne.plan.readCell('supply', sku, 2) === 1234,
      5000,
      'supply reaches instance one',
    )

    onOne.provider.awareness.setLocalStateField('user', { name: 'Sam Sales', cell: [sku, 1] })
    await waitFor(
      () =>
        [...onTwo.provider.awareness.getStates().values()].some(
          (state) => state.user?.name === 'Sam Sales',
        ),
      5000,
      'presence reaches instance two',
    )
    onOne.provider.disconnect()
    await waitFor(
      () =>
        ![...onTwo.provider.awareness.getStates().values()].some(
          (state) => state.user?.name === 'Sam Sales',
        ),
      5000,
      'presence leaves with the client',
    )
  })

  it('keeps every entry when one instance compacts while the other writes', async () => {
    const planId = await createPlan(one, { skuCount: 4, periodCount: 8 })
    const onOne = connect(one, planId, 'sales')
    const onTwo = connect(two, planId, 'production')
    await Promise.all([onOne.synced(), onTwo.synced()])
    const skus = onOne.plan.listSkus()
    for (let i = 0; i < 150; i++) {
      onOne.plan.writeCell('demand', skus[i % skus.length], i % 8, 1000 + i)
      onTwo.plan.writeCell('supply', skus[(i + 1) % skus.length], (i + 3) % 8, 2000 + i)
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const same = () =>
      skus.every(
        (sku) =>
          JSON.stringify(onOne.plan.readRow('demand', sku)) ===
            JSON.stringify(onTwo.plan.readRow('demand', sku)) &&
          JSON.stringify(onOne.plan.readRow('supply', sku)) ===
            JSON.stringify(onTwo.plan.readRow('supply', sku)),
      )
    await waitFor(same, 10_000, 'instances converge')
    await new Promise((resolve) => setTimeout(resolve, 300))
    const stored = await one.store.log.loadPlan(planId)
    expect(stored!.updates.length).toBeLessThan(300)
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, stored!.snapshot)
    for (const { update } of stored!.updates) Y.applyUpdate(reloaded, update)
    expect(reloaded.getMap('demand').toJSON()).toEqual(onOne.doc.getMap('demand').toJSON())
    expect(reloaded.getMap('supply').toJSON()).toEqual(onTwo.doc.getMap('supply').toJSON())
  })
})
