import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PlanDoc } from '@tandem/shared'
import type { RedisStores } from '@tandem/server'
import { connectRedisStores } from '@tandem/server'
import type { RedisCluster } from '../support/redis-cluster.js'
import { startRedisCluster } from '../support/redis-cluster.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { startServerProcess } from '../support/server-process.js'
import { createPlan, requestToken, startTestServer } from '../support/test-server.js'

describe('server instances on a Redis Cluster of three masters', () => {
  let cluster: RedisCluster
  let one: TestServer
  let two: TestServer
  const prefix = `cluster-${randomBytes(4).toString('hex')}`
  const jwtSecret = randomBytes(32).toString('hex')
  const clients: StockClient[] = []
  const opened: RedisStores[] = []
  const servers: TestServer[] = []

  /** Stores through the cluster client, seeded from `url` (one node, or a list of them). */
  const storesAt = async (url: string) => {
    const stores = await connectRedisStores(url, { prefix, cluster: true })
    opened.push(stores)
    return stores
  }
  // Compaction every 40 entries, so both instances compact (compare-and-set) on the cluster.
  const serverAt = async (url: string) => {
    const server = await startTestServer(await storesAt(url), {
      jwtSecret,
      compactAfter: 40,
      compactIdleMs: 10,
    })
    servers.push(server)
    return server
  }

  beforeAll(async () => {
    cluster = await startRedisCluster()
    // Each instance knows only some of the nodes; the cluster client finds the others.
    one = await serverAt(cluster.masters[0].url)
    two = await serverAt(`${cluster.masters[1].url},${cluster.masters[2].url}`)
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const server of servers) await server.close()
    for (const stores of opened) await stores.close()
    await cluster?.stop()
  })

  const connect = (server: TestServer, planId: string, account: 'sales' | 'production') => {
    const doc = new Y.Doc()
    doc.clientID = 1000 + clients.length
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
      doc,
    })
    clients.push(client)
    return client
  }

  /** Whether the server has said `saved` for everything this client wrote. */
  const allSaved = (client: StockClient) => {
    const own = Y.getState(client.doc.store, client.doc.clientID)
    return client.extensions.some(
      (message) =>
        message.type === 'saved' &&
        (Y.decodeStateVector(message.stateVector).get(client.doc.clientID) ?? 0) >= own,
    )
  }

  const sameCells = (a: StockClient, b: StockClient) =>
    JSON.stringify(a.doc.getMap('demand').toJSON()) ===
      JSON.stringify(b.doc.getMap('demand').toJSON()) &&
    JSON.stringify(a.doc.getMap('supply').toJSON()) ===
      JSON.stringify(b.doc.getMap('supply').toJSON())

  const storm = async (
    sales: StockClient,
    production: StockClient,
    edits: number,
    base: number,
  ) => {
    const skus = sales.plan.listSkus()
    for (let i = 0; i < edits; i++) {
      sales.plan.writeCell('demand', skus[i % skus.length], i % 8, base + i)
      production.plan.writeCell('supply', skus[(i + 1) % skus.length], (i + 3) % 8, base + i)
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  /** What a fresh store, through another node, loads: the snapshot with the log applied. */
  const loadFresh = async (planId: string) => {
    const fresh = await storesAt(cluster.masters[2].url)
    const stored = await fresh.log.loadPlan(planId)
    if (!stored) throw new Error(`plan ${planId} is not stored`)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored.snapshot)
    for (const { update } of stored.updates) Y.applyUpdate(doc, update)
    return { doc, logLength: stored.updates.length }
  }

  it('shares a plan live between instances on different nodes; a fresh one loads every saved edit', async () => {
    const planId = await createPlan(one, { skuCount: 4, periodCount: 8, seed: 12 }, 'cluster-live')
    const sales = connect(one, planId, 'sales')
    const production = connect(two, planId, 'production')
    await Promise.all([sales.synced(), production.synced()])

    sales.provider.awareness.setLocalStateField('user', { name: 'Sam Sales', cell: ['x', 1] })
    await waitFor(
      () =>
        [...production.provider.awareness.getStates().values()].some(
          (state) => state.user?.name === 'Sam Sales',
        ),
      5000,
      'presence reaches the instance on another node',
    )

    const sku = sales.plan.listSkus()[0]
    sales.plan.writeCell('demand', sku, 1, 4321)
    await waitFor(
      () => production.plan.readCell('demand', sku, 1) === 4321,
      5000,
      'an edit on one instance reaches the other',
    )

    await storm(sales, production, 120, 1000)
    await waitFor(() => sameCells(sales, production), 10_000, 'instances converge')
    await waitFor(() => allSaved(sales) && allSaved(production), 10_000, 'every edit saved')

    const { doc, logLength } = await loadFresh(planId)
    expect(doc.getMap('demand').toJSON()).toEqual(sales.doc.getMap('demand').toJSON())
    expect(doc.getMap('supply').toJSON()).toEqual(production.doc.getMap('supply').toJSON())
    // 241 updates were appended; compaction trimmed the log on the cluster.
    expect(logLength).toBeLessThan(241)

    const third = await serverAt(cluster.masters[2].url)
    const viewer = connect(third, planId, 'sales')
    await viewer.synced()
    expect(sameCells(viewer, sales)).toBe(true)
  })

  it('keeps every saved edit, and relaying, when the plan’s master fails over to its replica', async () => {
    const planId = await createPlan(one, { skuCount: 4, periodCount: 8, seed: 13 }, 'cluster-fo')
    const stores = opened[0]
    const replica = await cluster.addReplica(await cluster.masterOf(stores.keys.plan(planId).log))
    const sales = connect(one, planId, 'sales')
    const production = connect(two, planId, 'production')
    await Promise.all([sales.synced(), production.synced()])
    await storm(sales, production, 50, 1000)
    await waitFor(() => sameCells(sales, production), 10_000, 'instances converge before')

    await cluster.failover(replica)

    // Notifications published while the channel's shard moved are lost; the next append's
    // notification catches the follower up, once its sharded subscription has moved too.
    const sku = sales.plan.listSkus()[0]
    let arrived = false
    for (let attempt = 0; attempt < 50 && !arrived; attempt++) {
      sales.plan.writeCell('demand', sku, 7, 9000 + attempt)
      const deadline = Date.now() + 200
      while (Date.now() < deadline && !arrived) {
        arrived = production.plan.readCell('demand', sku, 7) === 9000 + attempt
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
    expect(arrived, 'an edit after the failover reaches the other instance').toBe(true)

    await storm(sales, production, 50, 5000)
    await waitFor(() => sameCells(sales, production), 10_000, 'instances converge after')
    await waitFor(() => allSaved(sales) && allSaved(production), 10_000, 'every edit saved')
    const { doc } = await loadFresh(planId)
    expect(doc.getMap('demand').toJSON()).toEqual(sales.doc.getMap('demand').toJSON())
    expect(doc.getMap('supply').toJSON()).toEqual(production.doc.getMap('supply').toJSON())
  })

  it('runs main.ts on one node with REDIS_CLUSTER=1; the cluster keeps its saved edit', async () => {
    const first = await startServerProcess({
      REDIS_URL: cluster.masters[1].url,
      REDIS_CLUSTER: '1',
      TANDEM_ADMIN_EMAIL: 'ops@example.com',
      TANDEM_ADMIN_PASSWORD: 'a-long-admin-password',
    })
    let sku = ''
    try {
      const health = await fetch(`${first.url}/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({ store: { kind: 'redis', reachable: true } })
      const token = await requestToken(first.url, 'sales@demo.tandem', 'demo-password')
      const writer = connectStockClient(first.url.replace('http', 'ws') + '/sync', 'demo', {
        token,
        ext: true,
      })
      clients.push(writer)
      await writer.synced()
      sku = writer.plan.listSkus()[3]
      writer.plan.writeCell('demand', sku, 2, 777)
      await waitFor(() => allSaved(writer), 10_000, 'saved')
      writer.provider.disconnect()
    } finally {
      expect(await first.stop('SIGTERM')).toBe(0)
    }
    // Through the two other nodes, with the default prefix main.ts used.
    const stores = await connectRedisStores(`${cluster.masters[2].url},${cluster.masters[0].url}`)
    opened.push(stores)
    const stored = await stores.log.loadPlan('demo')
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored!.snapshot)
    for (const { update } of stored!.updates) Y.applyUpdate(doc, update)
    expect(new PlanDoc(doc).readCell('demand', sku, 2)).toBe(777)
  })
})
