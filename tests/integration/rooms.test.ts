import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('rooms: compaction, unloading and shutdown', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  const clients: StockClient[] = []

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, { compactAfter: 50, compactIdleMs: 20 })
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('compacts the log past the threshold, and a reload equals the state before', async () => {
    const planId = await createPlan(server, { skuCount: 5, periodCount: 6 })
    const writer = connectStockClient(server.syncUrl, planId, {
      ext: true,
      token: server.tokens.planner,
    })
    clients.push(writer)
    await writer.synced()
    const sku = writer.plan.listSkus()[0]
    for (let i = 0; i < 120; i++) {
      writer.plan.writeCell('demand', sku, i % 6, i)
      await new Promise((resolve) => setImmediate(resolve))
    }
    const target = Y.encodeStateVector(writer.doc)
    await waitFor(
      () =>
        writer.extensions.some(
          (m) =>
            m.type === 'saved' &&
            Y.decodeStateVector(m.stateVector).get(writer.doc.clientID) ===
              Y.decodeStateVector(target).get(writer.doc.clientID),
        ),
      10_000,
      'all edits saved',
    )
    let stored = await server.store.log.loadPlan(planId)
    for (let i = 0; i < 100 && stored && stored.updates.length >= 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      stored = await server.store.log.loadPlan(planId)
    }
    expect(stored).toBeDefined()
    expect(stored!.updates.length).toBeLessThan(50)
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, stored!.snapshot)
    for (const { update } of stored!.updates) Y.applyUpdate(reloaded, update)
    expect(reloaded.getMap('demand').toJSON()).toEqual(writer.doc.getMap('demand').toJSON())
  })

  it('unloads every room once its clients leave, leaking none', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createPlan(server, { skuCount: 2, periodCount: 2 }, `leak-${i}`),
      ),
    )
    for (let round = 0; round < 3; round++) {
      const batch = ids.map((id) =>
        connectStockClient(server.syncUrl, id, { token: server.tokens.viewer }),
      )
      await Promise.all(batch.map((client) => client.synced()))
      expect(server.app.rooms.size).toBe(ids.length)
      for (const client of batch) client.destroy()
      await waitFor(() => server.app.rooms.size === 0, 5000, 'rooms unloaded')
    }
  })

  it('starts loading a room when a browser asks for the plan record, and unloads it if nobody comes', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 2 })
    expect(server.app.rooms.size).toBe(0)
    const response = await fetch(`${server.url}/api/plans/${planId}`, {
      headers: server.headers('viewer'),
    })
    expect(response.status).toBe(200)
    await waitFor(() => server.app.rooms.size === 1, 5000, 'room warming')
    await waitFor(() => server.app.rooms.size === 0, 5000, 'warmed room unloaded')
  })

  it('closes the sockets of a deleted plan with planDeleted', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 2 })
    const client = connectStockClient(server.syncUrl, planId, {
      reconnect: false,
      token: server.tokens.sales,
    })
    clients.push(client)
    await client.synced()
    const response = await fetch(`${server.url}/api/plans/${planId}`, {
      method: 'DELETE',
      headers: server.headers('planner'),
    })
    expect(response.status).toBe(204)
    await waitFor(() => client.closes.length > 0, 5000, 'close')
    expect(client.closes[0].code).toBe(4410)
    expect(
      (await fetch(`${server.url}/api/plans/${planId}`, { headers: server.headers('planner') }))
        .status,
    ).toBe(404)
  })
})

describe('heartbeat', () => {
  it('closes a connection that stops answering pings and unloads its room', async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store, { heartbeatMs: 100 })
    const planId = await createPlan(server, { skuCount: 2, periodCount: 2 })
    const silent = new WebSocket(`${server.syncUrl}/${planId}?token=${server.tokens.viewer}`, {
      autoPong: false,
    })
    const answering = new WebSocket(`${server.syncUrl}/${planId}?token=${server.tokens.viewer}`)
    const silentClosed = new Promise<number>((resolve) =>
      silent.once('close', (code) => resolve(code)),
    )
    let answeringClosed = false
    answering.once('close', () => (answeringClosed = true))
    await new Promise((resolve) => silent.once('open', resolve))
    expect(await silentClosed).toBe(1006)
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect(answeringClosed).toBe(false)
    answering.close()
    await waitFor(() => server.app.rooms.size === 0, 5000, 'room unloaded')
    await server.close()
    await temp.cleanup()
  })
})
