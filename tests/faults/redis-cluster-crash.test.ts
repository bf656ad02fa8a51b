import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RedisStores } from '@tandem/server'
import { connectRedisStores } from '@tandem/server'
import type { RedisCluster } from '../support/redis-cluster.js'
import { startRedisCluster } from '../support/redis-cluster.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer } from '../support/test-server.js'
import { CONVERGE_MS } from './fault-harness.js'

const silent = { error() {}, warn() {} }

describe('two instances on a Redis Cluster whose master crashes', () => {
  let cluster: RedisCluster
  const prefix = `crash-${randomBytes(4).toString('hex')}`
  const jwtSecret = randomBytes(32).toString('hex')
  const clients: StockClient[] = []
  const opened: RedisStores[] = []
  const servers: TestServer[] = []

  const storesAt = async (url: string) => {
    const stores = await connectRedisStores(url, { prefix, cluster: true, logger: silent })
    opened.push(stores)
    return stores
  }
  const serverAt = async (url: string) => {
    const server = await startTestServer(await storesAt(url), {
      jwtSecret,
      compactAfter: 40,
      compactIdleMs: 10,
    })
    servers.push(server)
    return server
  }
  const connect = (server: TestServer, planId: string, account: 'sales' | 'production') => {
    const doc = new Y.Doc()
    doc.clientID = 2000 + clients.length
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
      doc,
    })
    clients.push(client)
    return client
  }
  /** The highest clock of its own that the server has said `saved` for. */
  const savedClock = (client: StockClient) =>
    Math.max(
      0,
      ...client.extensions.map((message) =>
        message.type === 'saved'
          ? (Y.decodeStateVector(message.stateVector).get(client.doc.clientID) ?? 0)
          : 0,
      ),
    )
  const ownClock = (client: StockClient) => Y.getState(client.doc.store, client.doc.clientID)

  beforeAll(async () => {
    cluster = await startRedisCluster()
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const server of servers) await server.close()
    for (const stores of opened) await stores.close()
    await cluster?.stop()
  })

  it('loses no saved edit when the plan’s master is killed during a storm and its replica takes over', async () => {
    // Neither instance is seeded from the master that will crash.
    const one = await serverAt(cluster.masters[1].url)
    const two = await serverAt(cluster.masters[2].url)
    let planId = ''
    for (let i = 0; !planId; i++)
      if ((await cluster.masterOf(opened[0].keys.plan(`crash-${i}`).log)) === 0)
        planId = `crash-${i}`
    await createPlan(one, { skuCount: 4, periodCount: 8, seed: 21 }, planId)
    const replica = await cluster.addReplica(0)
    const sales = connect(one, planId, 'sales')
    const production = connect(two, planId, 'production')
    await Promise.all([sales.synced(), production.synced()])
    const skus = sales.plan.listSkus()

    let storming = true
    const storm = (async () => {
      for (let i = 0; storming; i++) {
        sales.plan.writeCell('demand', skus[i % skus.length], i % 8, 10_000 + i)
        production.plan.writeCell('supply', skus[(i + 1) % skus.length], (i + 3) % 8, 20_000 + i)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    })()
    await waitFor(() => savedClock(sales) > 50, CONVERGE_MS, 'edits saved before the crash')
    const savedBefore = [savedClock(sales), savedClock(production)]
    await cluster.crashMaster(0, replica)
    const savedAfterCrash = savedClock(sales)
    await waitFor(() => savedClock(sales) > savedAfterCrash + 20, CONVERGE_MS, 'saved again')
    storming = false
    await storm

    // Clients whose append failed were closed (1011) and resent their edits on reconnect.
    await waitFor(
      () => clients.every((client) => savedClock(client) >= ownClock(client)),
      CONVERGE_MS,
      'every edit saved',
    )
    const same = () =>
      JSON.stringify(sales.doc.getMap('demand').toJSON()) ===
        JSON.stringify(production.doc.getMap('demand').toJSON()) &&
      JSON.stringify(sales.doc.getMap('supply').toJSON()) ===
        JSON.stringify(production.doc.getMap('supply').toJSON())
    await waitFor(same, CONVERGE_MS, 'clients converge')

    const fresh = await storesAt(cluster.masters[1].url)
    const stored = await fresh.log.loadPlan(planId)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored!.snapshot)
    for (const { update } of stored!.updates) Y.applyUpdate(doc, update)
    for (const [client, before] of [sales, production].map(
      (c, i) => [c, savedBefore[i]] as const,
    )) {
      expect(Y.getState(doc.store, client.doc.clientID)).toBeGreaterThanOrEqual(before)
      expect(Y.getState(doc.store, client.doc.clientID)).toBe(ownClock(client))
    }
    expect(doc.getMap('demand').toJSON()).toEqual(sales.doc.getMap('demand').toJSON())
    expect(doc.getMap('supply').toJSON()).toEqual(production.doc.getMap('supply').toJSON())

    // Both instances report healthy again once the topology no longer has the dead master.
    for (const server of [one, two]) {
      let status = 0
      for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
        status = (await fetch(`${server.url}/health`)).status
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200))
      }
      expect(status, `/health of ${server.url} after the failover`).toBe(200)
    }
  })
})
