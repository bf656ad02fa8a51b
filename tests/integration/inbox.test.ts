import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { InboxList } from '@tandem/shared'
import { createFlag, startThread } from '@tandem/shared'
import { connectRedisStores } from '@tandem/server'
import type { EventStream } from '../support/event-stream.js'
import { openEventStream } from '../support/event-stream.js'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

const NOW = '2026-12-01T10:00:00.000Z'

async function inbox(server: TestServer, account: TestAccount): Promise<InboxList> {
  const response = await fetch(`${server.url}/api/inbox`, { headers: server.headers(account) })
  expect(response.status).toBe(200)
  return (await response.json()) as InboxList
}

async function markReads(
  server: TestServer,
  account: TestAccount,
  ids: string[],
  read = true,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/inbox/reads`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...server.headers(account) },
    body: JSON.stringify({ ids, read }),
  })
  return { status: response.status, body: await response.json() }
}

function flagFor(client: StockClient, id: string, owner: string, createdBy: string) {
  createFlag(client.plan, {
    id,
    kind: 'shortage',
    severity: 'high',
    owner,
    dueDate: '2026-12-15',
    status: 'open',
    cells: [{ measure: 'projected', key: client.plan.listSkus()[0], period: 2 }],
    threadId: '',
    note: `Short in week 3 (${id})`,
    createdBy,
    createdAt: NOW,
  })
}

describe('the inbox over HTTP and server-sent events, on SQLite', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  const clients: StockClient[] = []
  const streams: EventStream[] = []
  let clientCount = 0

  const join = async (planId: string, account: TestAccount) => {
    // Seeded clientIDs: a random one could meet another client's.
    const doc = new Y.Doc()
    doc.clientID = 7000 + clientCount++
    const client = connectStockClient(server.syncUrl, planId, {
      doc,
      token: server.tokens[account],
      ext: true,
      reconnect: false,
    })
    clients.push(client)
    await client.synced()
    return client
  }
  const stream = async (account: TestAccount) => {
    const opened = await openEventStream(`${server.url}/api/inbox/events`, server.headers(account))
    streams.push(opened)
    return opened
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
  })
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close()
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('lists mentions and flags across plans the user may open, never from a plan they may not', async () => {
    const [open, denied] = [await createPlan(server), await createPlan(server)]
    const { sales, planner } = server.users
    const inOpen = await join(open, 'planner')
    const inDenied = await join(denied, 'planner')
    flagFor(inOpen, 'f-open', sales.id, planner.id)
    startThread(
      inOpen.plan,
      {
        id: 't-1',
        anchor: { measure: 'demand', key: inOpen.plan.listSkus()[0], period: 1 },
        author: planner.id,
        now: '2026-12-01T11:00:00.000Z',
      },
      { id: 'm-1', mentions: [sales.id] },
    ).insert(0, 'Can you confirm the promotion?')
    flagFor(inDenied, 'f-denied', sales.id, planner.id)
    await expect
      .poll(async () => (await inbox(server, 'sales')).items.length, { timeout: 10_000 })
      .toBe(3)
    await server.store.accounts.setPlanRole(denied, sales.id, 'none')
    const list = await inbox(server, 'sales')
    expect(list.unread).toBe(2)
    expect(list.items).toEqual([
      expect.objectContaining({
        kind: 'mention',
        id: `mention:${open}:t-1:m-1`,
        planId: open,
        planName: 'Test plan',
        threadId: 't-1',
        author: planner.id,
        text: 'Can you confirm the promotion?',
        read: false,
      }),
      expect.objectContaining({
        kind: 'flag',
        id: `flag:${open}:f-open`,
        flagId: 'f-open',
        dueDate: '2026-12-15',
        text: 'Short in week 3 (f-open)',
        read: false,
      }),
    ])
    // The planner owns the first stage: its sign-off waits on them in both plans.
    const plannerItems = (await inbox(server, 'planner')).items
    expect(plannerItems.map((item) => item.kind)).toEqual(['signOff', 'signOff'])
    expect((await inbox(server, 'viewer')).items).toEqual([])
    // Someone else's item, a plan the caller may not open, and a string that is no item id.
    expect(await markReads(server, 'viewer', [`flag:${open}:f-open`])).toMatchObject({
      status: 404,
      body: { code: 'notFound', field: 'ids' },
    })
    expect(await markReads(server, 'sales', [`flag:${denied}:f-denied`])).toMatchObject({
      status: 404,
      body: { field: 'ids' },
    })
    expect(await markReads(server, 'sales', ['hello'])).toMatchObject({
      status: 400,
      body: { code: 'badRequest', field: 'ids' },
    })
    expect((await inbox(server, 'sales')).unread).toBe(2)
    const unauthenticated = await fetch(`${server.url}/api/inbox`)
    expect(unauthenticated.status).toBe(401)
  })

  it('marks read and unread in one tab and tells every tab of the same user, and no one else', async () => {
    const planId = await createPlan(server)
    const { sales, production, planner } = server.users
    const client = await join(planId, 'planner')
    flagFor(client, 'f-1', sales.id, planner.id)
    flagFor(client, 'f-2', sales.id, planner.id)
    await expect
      .poll(async () => (await inbox(server, 'sales')).unread, { timeout: 10_000 })
      .toBe(2)
    const [tabOne, tabTwo, other] = [
      await stream('sales'),
      await stream('sales'),
      await stream('production'),
    ]
    expect([tabOne.status, tabTwo.status, other.status]).toEqual([200, 200, 200])
    const id = `flag:${planId}:f-1`
    expect(await markReads(server, 'sales', [id])).toEqual({ status: 200, body: { marked: 1 } })
    const reads = { event: 'reads', data: { kind: 'reads', ids: [id], read: true } }
    await waitFor(
      () => tabOne.events.length > 0 && tabTwo.events.length > 0,
      10_000,
      'both tabs told',
    )
    expect(tabOne.events).toEqual([reads])
    expect(tabTwo.events).toEqual([reads])
    expect((await inbox(server, 'sales')).items.find((item) => item.id === id)?.read).toBe(true)
    expect(await markReads(server, 'sales', [id], false)).toEqual({
      status: 200,
      body: { marked: 0 },
    })
    await waitFor(() => tabTwo.events.length > 1, 10_000, 'unread told')
    expect(tabTwo.events[1]).toEqual({
      event: 'reads',
      data: { kind: 'reads', ids: [id], read: false },
    })
    expect((await inbox(server, 'sales')).unread).toBe(2)
    const all = await fetch(`${server.url}/api/inbox/read-all`, {
      method: 'POST',
      headers: server.headers('sales'),
    })
    expect(await all.json()).toEqual({ marked: 2 })
    expect((await inbox(server, 'sales')).unread).toBe(0)
    await waitFor(() => tabOne.events.length > 2, 10_000, 'all read told')
    expect(tabOne.events[2].data).toMatchObject({ kind: 'reads', read: true })
    expect(other.events).toEqual([])
    expect(production.id).not.toBe(sales.id)
  })

  it('tells an open tab when a new item arrives for its user, and not for others’ items', async () => {
    const planId = await createPlan(server)
    const { sales, production, planner } = server.users
    const client = await join(planId, 'planner')
    await inbox(server, 'sales')
    const salesTab = await stream('sales')
    const viewerTab = await stream('viewer')
    flagFor(client, 'f-new', sales.id, planner.id)
    await waitFor(() => salesTab.events.length > 0, 10_000, 'new item told')
    expect(salesTab.events[0]).toEqual({ event: 'changed', data: { kind: 'changed', planId } })
    flagFor(client, 'f-theirs', production.id, planner.id)
    client.plan.writeCell('demand', client.plan.listSkus()[0], 3, 999)
    await expect
      .poll(async () => (await inbox(server, 'production')).items.length, { timeout: 10_000 })
      .toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(salesTab.events).toHaveLength(1)
    expect(viewerTab.events).toEqual([])
  })

  it('reads a plan nobody has open from the store, and sees what changed since it was last read', async () => {
    const planId = await createPlan(server)
    const { sales, planner } = server.users
    const unloaded = async () => {
      await waitFor(() => !server.app.rooms.loadedRoom(planId), 10_000, 'room unloaded')
    }
    const flagIds = async () =>
      (await inbox(server, 'sales')).items.flatMap((item) =>
        item.kind === 'flag' ? [item.flagId] : [],
      )

    const first = await join(planId, 'planner')
    flagFor(first, 'f-1', sales.id, planner.id)
    // With the room open, its live document answers.
    await expect.poll(flagIds, { timeout: 10_000 }).toEqual(['f-1'])
    first.destroy()
    await unloaded()
    expect(await flagIds()).toEqual(['f-1'])
    expect(await flagIds()).toEqual(['f-1'])

    const second = await join(planId, 'planner')
    flagFor(second, 'f-2', sales.id, planner.id)
    await expect
      .poll(async () => (await flagIds()).sort(), { timeout: 10_000 })
      .toEqual(['f-1', 'f-2'])
    second.destroy()
    await unloaded()
    // A new stored state is read afresh, not answered from what the first state gave.
    expect((await flagIds()).sort()).toEqual(['f-1', 'f-2'])
  })
})

describe('the inbox stream of a user who loses access', () => {
  it('ends when the user is disabled or signed out everywhere, and is refused after', async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store)
    const url = `${server.url}/api/inbox/events`
    try {
      const [sales, production] = [
        await openEventStream(url, server.headers('sales')),
        await openEventStream(url, server.headers('production')),
      ]
      await server.app.inbox.recheck()
      expect([sales.ended(), production.ended()]).toEqual([false, false])
      await server.store.accounts.updateUser(server.users.sales.id, { disabled: true })
      await server.store.accounts.bumpSessionVersion(server.users.production.id)
      await server.app.inbox.recheck()
      await waitFor(() => sales.ended() && production.ended(), 10_000, 'streams ended')
      expect(server.app.inbox.tabCount).toBe(0)
      expect((await openEventStream(url, server.headers('sales'))).status).toBe(403)
      expect((await openEventStream(url, server.headers('production'))).status).toBe(401)
    } finally {
      await server.close()
      await temp.cleanup()
    }
  })
})

describe('the inbox across two instances on one Redis', () => {
  let redis: RedisServer
  let one: TestServer
  let two: TestServer
  const streams: EventStream[] = []
  const clients: StockClient[] = []

  beforeAll(async () => {
    redis = await startRedisServer()
    const prefix = `inbox-${randomBytes(4).toString('hex')}`
    const jwtSecret = randomBytes(32).toString('hex')
    one = await startTestServer(await connectRedisStores(redis.url, { prefix }), { jwtSecret })
    two = await startTestServer(await connectRedisStores(redis.url, { prefix }), { jwtSecret })
  })
  afterAll(async () => {
    for (const s of streams) s.close()
    for (const client of clients) client.destroy()
    await one.close(true)
    await two.close(true)
    await redis.stop()
  })

  it('shows a mark made through one instance in a tab on the other', async () => {
    const planId = await createPlan(one)
    const doc = new Y.Doc()
    doc.clientID = 7900
    const client = connectStockClient(one.syncUrl, planId, {
      token: one.tokens.planner,
      ext: true,
      doc,
    })
    clients.push(client)
    await client.synced()
    flagFor(client, 'f-1', one.users.sales.id, one.users.planner.id)
    await expect.poll(async () => (await inbox(two, 'sales')).unread, { timeout: 10_000 }).toBe(1)
    const tab = await openEventStream(`${one.url}/api/inbox/events`, one.headers('sales'))
    streams.push(tab)
    const id = `flag:${planId}:f-1`
    expect(await markReads(two, 'sales', [id])).toEqual({ status: 200, body: { marked: 1 } })
    await waitFor(() => tab.events.length > 0, 10_000, 'mark relayed by Redis')
    expect(tab.events[0]).toEqual({
      event: 'reads',
      data: { kind: 'reads', ids: [id], read: true },
    })
    expect((await inbox(one, 'sales')).unread).toBe(0)
  })
})
