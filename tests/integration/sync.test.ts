import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { CLOSE_CODES, PlanDoc, seededRandom } from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('sync over a real server with stock y-websocket clients', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  const clients: StockClient[] = []
  const connect = (
    syncUrl: string,
    planId: string,
    options: Partial<Parameters<typeof connectStockClient>[2]> = {},
  ) => {
    const client = connectStockClient(syncUrl, planId, { token: server.tokens.planner, ...options })
    clients.push(client)
    return client
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('lists the plan and gives a stock client the whole plan', async () => {
    const planId = await createPlan(server, { skuCount: 12, periodCount: 6 })
    const list = (await (
      await fetch(`${server.url}/api/plans`, { headers: server.headers('viewer') })
    ).json()) as {
      plans: { id: string }[]
    }
    expect(list.plans.map((p) => p.id)).toContain(planId)
    const one = await fetch(`${server.url}/api/plans/${planId}`, {
      headers: server.headers('sales'),
    })
    expect(await one.json()).toMatchObject({ plan: { id: planId }, role: 'sales' })
    const client = connect(server.syncUrl, planId)
    await client.synced()
    expect(client.plan.listSkus()).toHaveLength(12)
    expect(client.plan.readMeta().periodCount).toBe(6)
  })

  it('two stock clients converge on seeded random edits', async () => {
    const planId = await createPlan(server, { skuCount: 8, periodCount: 10 })
    const a = connect(server.syncUrl, planId)
    const b = connect(server.syncUrl, planId)
    await Promise.all([a.synced(), b.synced()])
    const skus = a.plan.listSkus()
    const random = seededRandom(7)
    for (let i = 0; i < 200; i++) {
      const client = random.next() < 0.5 ? a : b
      const measure = random.next() < 0.5 ? 'demand' : 'supply'
      client.plan.writeCell(
        measure,
        random.pick(skus.slice(0, 3)),
        random.int(0, 3),
        random.int(0, 500),
      )
      if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const same = () =>
      skus.every(
        (sku) =>
          JSON.stringify(a.plan.readRow('demand', sku)) ===
            JSON.stringify(b.plan.readRow('demand', sku)) &&
          JSON.stringify(a.plan.readRow('supply', sku)) ===
            JSON.stringify(b.plan.readRow('supply', sku)),
      )
    await waitFor(
      () =>
        same() && Y.encodeStateVector(a.doc).toString() === Y.encodeStateVector(b.doc).toString(),
      10_000,
      'convergence',
    )
    const fresh = connect(server.syncUrl, planId)
    await fresh.synced()
    expect(fresh.plan.readRow('demand', skus[0])).toEqual(a.plan.readRow('demand', skus[0]))
  })

  it('acknowledges a durable edit with saved, and a rebuilt app on the same store keeps it', async () => {
    const temp = await tempSqliteStore()
    const first = await startTestServer(temp.store)
    const planId = await createPlan(first, { skuCount: 4, periodCount: 4 })
    const writer = connectStockClient(first.syncUrl, planId, {
      ext: true,
      token: first.tokens.sales,
    })
    await writer.synced()
    const sku = writer.plan.listSkus()[0]
    writer.plan.writeCell('demand', sku, 2, 4242)
    const covered = () =>
      writer.extensions.some(
        (m) =>
          m.type === 'saved' &&
          (Y.decodeStateVector(m.stateVector).get(writer.doc.clientID) ?? 0) >= 1,
      )
    await waitFor(covered, 5000, 'saved covering the edit')
    writer.destroy()
    await first.close(true)

    const { openSqliteStores } = await import('@tandem/server')
    const reopened = openSqliteStores(temp.file)
    const second = await startTestServer(reopened)
    const reader = connectStockClient(second.syncUrl, planId, { token: second.tokens.viewer })
    clients.push(reader)
    await reader.synced()
    expect(reader.plan.readCell('demand', sku, 2)).toBe(4242)
    await second.close(true)
    await temp.cleanup()
  })

  it('rejects a structurally invalid update without disturbing another client', async () => {
    const planId = await createPlan(server, { skuCount: 4, periodCount: 4 })
    const good = connect(server.syncUrl, planId)
    const bad = connect(server.syncUrl, planId, { ext: true, reconnect: false })
    await Promise.all([good.synced(), bad.synced()])
    bad.doc.getMap('evil').set('x', 1)
    await waitFor(() => bad.closes.length > 0, 5000, 'close of the bad client')
    expect(bad.closes[0].code).toBe(CLOSE_CODES.updateRejected)
    const rejected = bad.extensions.find((m) => m.type === 'rejected')
    expect(rejected?.type === 'rejected' && rejected.code).toBe('unknownRoot')
    const sku = good.plan.listSkus()[0]
    good.plan.writeCell('supply', sku, 1, 77)
    const observer = connect(server.syncUrl, planId)
    await observer.synced()
    await waitFor(() => observer.plan.readCell('supply', sku, 1) === 77, 5000, 'good edit relayed')
    expect(observer.doc.share.has('evil')).toBe(false)
  })

  it('rejects a negative value written as an overwrite', async () => {
    const planId = await createPlan(server, { skuCount: 4, periodCount: 4 })
    const client = connect(server.syncUrl, planId, { ext: true, reconnect: false })
    await client.synced()
    const sku = client.plan.listSkus()[0]
    client.plan.writeCell('demand', sku, 0, 10)
    await waitFor(
      () => client.extensions.some((m) => m.type === 'saved'),
      5000,
      'first write saved',
    )
    client.plan.writeCell('demand', sku, 0, -5)
    await waitFor(() => client.closes.length > 0, 5000, 'rejection')
    const rejected = client.extensions.find((m) => m.type === 'rejected')
    expect(rejected?.type === 'rejected' && rejected.code).toBe('outOfRange')
    const observer = connect(server.syncUrl, planId)
    await observer.synced()
    expect(observer.plan.readCell('demand', sku, 0)).toBe(10)
  })

  it('closes a socket that sends malformed bytes, and keeps serving the plan', async () => {
    const planId = await createPlan(server, { skuCount: 3, periodCount: 3 })
    const good = connect(server.syncUrl, planId)
    await good.synced()
    const sendRaw = async (bytes: Uint8Array) => {
      const socket = new WebSocket(`${server.syncUrl}/${planId}?token=${server.tokens.planner}`)
      await new Promise((resolve) => socket.once('open', resolve))
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
      socket.send(bytes)
      return closed
    }
    expect(await sendRaw(Uint8Array.from([0, 2, 200, 1, 2, 3]))).toBe(CLOSE_CODES.badMessage)
    expect(await sendRaw(Uint8Array.from([0, 2, 5, 9, 200, 201, 7, 1]))).toBe(
      CLOSE_CODES.updateRejected,
    )
    expect(await sendRaw(Uint8Array.from([77, 1, 2]))).toBe(CLOSE_CODES.badMessage)
    const sku = good.plan.listSkus()[0]
    good.plan.writeCell('demand', sku, 0, 5)
    const other = connect(server.syncUrl, planId)
    await other.synced()
    await waitFor(() => other.plan.readCell('demand', sku, 0) === 5, 5000, 'still syncing')
  })

  it('does not lose a message that arrives while the room is loading', async () => {
    const planId = await createPlan(server, { skuCount: 200, periodCount: 52 })
    const source = new PlanDoc(new Y.Doc())
    const seed = connect(server.syncUrl, planId)
    await seed.synced()
    Y.applyUpdate(source.doc, Y.encodeStateAsUpdate(seed.doc))
    seed.destroy()
    clients.splice(clients.indexOf(seed), 1)
    await waitFor(() => server.app.rooms.size === 0, 5000, 'room unloaded')
    const sku = source.listSkus()[0]
    const before = Y.encodeStateVector(source.doc)
    source.writeCell('demand', sku, 3, 999)
    const update = Y.encodeStateAsUpdate(source.doc, before)
    const socket = new WebSocket(`${server.syncUrl}/${planId}?token=${server.tokens.planner}`)
    socket.on('open', () => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 2)
      encoding.writeVarUint8Array(encoder, update)
      socket.send(encoding.toUint8Array(encoder))
    })
    const reader = connect(server.syncUrl, planId)
    await reader.synced()
    await waitFor(() => reader.plan.readCell('demand', sku, 3) === 999, 5000, 'the early update')
    socket.close()
  })

  it('refuses a socket for a plan that does not exist before upgrading', async () => {
    const socket = new WebSocket(`${server.syncUrl}/no-such-plan?token=${server.tokens.planner}`)
    const status = await new Promise<number>((resolve) =>
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    )
    expect(status).toBe(404)
  })
})

describe('newcomers to a busy plan', () => {
  it('all get the same whole plan, which changes as soon as the plan does', async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store)
    const planId = await createPlan(server, { skuCount: 30, periodCount: 10 })
    const first = Array.from({ length: 5 }, () =>
      connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer }),
    )
    await Promise.all(first.map((client) => client.synced()))
    const sku = first[0].plan.listSkus()[4]
    const writer = connectStockClient(server.syncUrl, planId, {
      token: server.tokens.sales,
      ext: true,
    })
    await writer.synced()
    writer.plan.writeCell('demand', sku, 6, 6006)
    await waitFor(
      () => first.every((client) => client.plan.readCell('demand', sku, 6) === 6006),
      5000,
      'relayed',
    )
    const late = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    await late.synced()
    expect(late.plan.readCell('demand', sku, 6)).toBe(6006)
    expect(late.plan.listSkus()).toHaveLength(30)
    for (const client of [...first, writer, late]) client.destroy()
    await server.close()
    await temp.cleanup()
  })
})

describe('presence', () => {
  it("relays everyone's presence but ignores an attempt to overwrite someone else's", async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store)
    const planId = await createPlan(server, { skuCount: 2, periodCount: 2 })
    const sales = connectStockClient(server.syncUrl, planId, { token: server.tokens.sales })
    const viewer = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    const observer = connectStockClient(server.syncUrl, planId, { token: server.tokens.production })
    await Promise.all([sales.synced(), viewer.synced(), observer.synced()])
    sales.provider.awareness.setLocalStateField('user', { name: 'Sam Sales' })
    viewer.provider.awareness.setLocalStateField('user', { name: 'Vic Viewer' })
    const nameAt = (client: typeof observer, id: number) =>
      (client.provider.awareness.getStates().get(id) as { user?: { name: string } } | undefined)
        ?.user?.name
    await waitFor(
      () => nameAt(observer, sales.doc.clientID) === 'Sam Sales',
      5000,
      'sales presence',
    )
    await waitFor(
      () => nameAt(observer, viewer.doc.clientID) === 'Vic Viewer',
      5000,
      'viewer presence',
    )

    const forged = new Awareness(new Y.Doc())
    forged.clientID = sales.doc.clientID
    for (let i = 0; i < 10; i++) forged.setLocalState({ user: { name: 'Forged by the viewer' } })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(forged, [sales.doc.clientID]))
    const socket = new WebSocket(`${server.syncUrl}/${planId}?token=${server.tokens.viewer}`)
    await new Promise((resolve) => socket.once('open', resolve))
    socket.send(encoding.toUint8Array(encoder))
    viewer.provider.awareness.setLocalStateField('user', { name: 'Vic Viewer, later' })
    await waitFor(
      () => nameAt(observer, viewer.doc.clientID) === 'Vic Viewer, later',
      5000,
      'later presence',
    )
    expect(nameAt(observer, sales.doc.clientID)).toBe('Sam Sales')
    socket.close()
    forged.destroy()
    for (const client of [sales, viewer, observer]) client.destroy()
    await server.close()
    await temp.cleanup()
  })
})
