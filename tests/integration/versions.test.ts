import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { overlayWeight, writeCells } from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('versions, history and roll-forward over a real server', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  const clients: StockClient[] = []

  const api = async (account: TestAccount, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...server.headers(account),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await response.text()
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    }
  }

  /** Connects as an account, runs `edit` and resolves once the server saved it. */
  const editAs = async (account: TestAccount, edit: (client: StockClient) => void) => {
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
    })
    clients.push(client)
    await client.synced()
    edit(client)
    const clock = Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID)
    await waitFor(
      () =>
        client.extensions.some(
          (m) =>
            m.type === 'saved' &&
            Y.decodeStateVector(m.stateVector).get(client.doc.clientID) === clock,
        ),
      5000,
      `${account} saved`,
    )
    return client
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 6, periodCount: 8 })
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('publishes an immutable version, compares it with the live plan and restores it', async () => {
    const published = await api('planner', 'POST', `/api/plans/${planId}/versions`, {
      id: 'consensus-dec',
      name: 'Consensus plan, Dec 2026',
      note: 'Agreed in the executive S&OP',
    })
    expect(published.status).toBe(201)
    expect(
      (
        await api('planner', 'POST', `/api/plans/${planId}/versions`, {
          id: 'consensus-dec',
          name: 'Again',
        })
      ).status,
    ).toBe(409)
    expect(
      (await api('sales', 'POST', `/api/plans/${planId}/versions`, { name: 'Not mine' })).status,
    ).toBe(403)

    const sales = await editAs('sales', (client) => {
      const sku = client.plan.listSkus()[0]
      client.plan.writeCell('demand', sku, 5, client.plan.readCell('demand', sku, 5) + 100)
    })
    const sku = sales.plan.listSkus()[0]
    const before = sales.plan.readCell('demand', sku, 5) - 100

    const compared = await api(
      'viewer',
      'GET',
      `/api/plans/${planId}/compare?from=consensus-dec&to=live`,
    )
    expect(compared.body.cells).toEqual([
      { measure: 'demand', key: sku, period: 5, from: before, to: before + 100 },
    ])
    const totals = compared.body.totals as { measure: string; from: number; to: number }[]
    expect(totals).toHaveLength(1)
    expect(totals[0].to - totals[0].from).toBe(100)

    const restored = await api(
      'planner',
      'POST',
      `/api/plans/${planId}/versions/consensus-dec/restore`,
    )
    expect(restored.body).toEqual({ restoredCells: 1, skippedFrozen: 0 })
    await waitFor(() => sales.plan.readCell('demand', sku, 5) === before, 5000, 'restore relayed')
    expect(
      (await api('viewer', 'GET', `/api/plans/${planId}/compare?from=consensus-dec`)).body.cells,
    ).toEqual([])

    const history = await api(
      'viewer',
      'GET',
      `/api/plans/${planId}/history?measure=demand&key=${sku}&period=5`,
    )
    expect(
      (history.body.history as { value: number; author: string }[]).map(({ value, author }) => [
        value,
        author,
      ]),
    ).toEqual([
      [before, server.users.planner.id],
      [before + 100, server.users.sales.id],
    ])

    const versions = await api('viewer', 'GET', `/api/plans/${planId}/versions`)
    expect(versions.body.versions).toEqual([
      expect.objectContaining({
        id: 'consensus-dec',
        name: 'Consensus plan, Dec 2026',
        author: server.users.planner.id,
      }),
    ])
    const snapshot = await fetch(
      `${server.url}/api/plans/${planId}/versions/consensus-dec/snapshot`,
      {
        headers: server.headers('viewer'),
      },
    )
    const doc = new Y.Doc()
    Y.applyUpdate(doc, new Uint8Array(await snapshot.arrayBuffer()))
    expect((doc.getMap('demand').get(sku) as Y.Map<unknown>).get('edits')).toBeInstanceOf(Y.Map)
  })

  it('attributes history to the right users across two sessions, and feeds the activity list', async () => {
    const sales = await editAs('sales', (client) =>
      client.plan.writeCell('demand', client.plan.listSkus()[1], 2, 111),
    )
    const sku = sales.plan.listSkus()[1]
    await editAs('production', (client) => {
      client.plan.writeCell('supply', sku, 2, 222)
      client.plan.writeCell('supply', sku, 3, 223)
    })
    await editAs('planner', (client) => client.plan.writeCell('demand', sku, 2, 333))

    const demand = await api(
      'viewer',
      'GET',
      `/api/plans/${planId}/history?measure=demand&key=${sku}&period=2`,
    )
    expect(
      (demand.body.history as { value: number; author: string }[]).map(({ value, author }) => [
        value,
        author,
      ]),
    ).toEqual([
      [333, server.users.planner.id],
      [111, server.users.sales.id],
    ])
    const activity = await api('viewer', 'GET', `/api/plans/${planId}/activity`)
    expect(
      (activity.body.activity as { author: string; cells: number; measures: string[] }[]).map(
        (a) => [a.author, a.cells, a.measures],
      ),
    ).toEqual([
      [server.users.planner.id, 1, ['demand']],
      [server.users.production.id, 1, ['supply']],
      [server.users.production.id, 1, ['supply']],
      [server.users.sales.id, 1, ['demand']],
    ])
  })

  it('rolls a published version forward into next cycle plan', async () => {
    let edited = ''
    await editAs('planner', (client) => {
      edited = client.plan.listSkus()[0]
      writeCells(client.plan, [{ measure: 'demand', key: edited, period: 3, value: 12345 }])
    })
    await api('planner', 'POST', `/api/plans/${planId}/versions`, { id: 'v1', name: 'Consensus' })
    const rolled = await api('planner', 'POST', `/api/plans/${planId}/roll-forward`, {
      versionId: 'v1',
      periods: 2,
      name: 'Next cycle',
      id: 'next-cycle',
    })
    expect(rolled.status).toBe(201)
    expect(rolled.body.plan).toMatchObject({
      id: 'next-cycle',
      name: 'Next cycle',
      periodCount: 8,
      firstPeriod: '2026-12-14',
    })
    const original = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    const next = connectStockClient(server.syncUrl, 'next-cycle', { token: server.tokens.viewer })
    clients.push(original, next)
    await Promise.all([original.synced(), next.synced()])
    const sku = original.plan.listSkus()[0]
    expect(next.plan.readRow('demand', sku).slice(0, 6)).toEqual(
      original.plan.readRow('demand', sku).slice(2),
    )
    // The next cycle starts as a new document epoch would: values in bases, empty overlays.
    expect(next.plan.readCell('demand', edited, 1)).toBe(12345)
    expect(overlayWeight(original.doc).entries).toBeGreaterThan(0)
    expect(overlayWeight(next.doc)).toEqual({ entries: 0, items: 0 })
    expect(
      (
        await api('sales', 'POST', `/api/plans/${planId}/roll-forward`, {
          versionId: 'v1',
          periods: 1,
          name: 'x',
        })
      ).status,
    ).toBe(403)
  })
})

describe('plan members and read marks', () => {
  it('lists who is in a plan with their role, and keeps each caller read marks', async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store)
    const planId = await createPlan(server, { skuCount: 2, periodCount: 2 })
    const get = async (account: TestAccount, path: string) =>
      (await fetch(`${server.url}${path}`, { headers: server.headers(account) })).json() as Promise<
        Record<string, unknown>
      >
    const members = (await get('viewer', `/api/plans/${planId}/members`)).members as {
      name: string
      role: string
    }[]
    expect(members.map((m) => m.role).sort()).toEqual([
      'planner',
      'planner',
      'production',
      'sales',
      'viewer',
    ])
    const put = await fetch(`${server.url}/api/plans/${planId}/read-marks/thread-1`, {
      method: 'PUT',
      headers: { ...server.headers('sales'), 'content-type': 'application/json' },
      body: JSON.stringify({ at: '2026-11-27T10:00:00.000Z' }),
    })
    expect(put.status).toBe(204)
    expect((await get('sales', `/api/plans/${planId}/read-marks`)).readMarks).toEqual({
      'thread-1': '2026-11-27T10:00:00.000Z',
    })
    expect((await get('viewer', `/api/plans/${planId}/read-marks`)).readMarks).toEqual({})
    await server.close()
    await temp.cleanup()
  })
})

describe('REST errors name their field', () => {
  it('names the field of a schema error and of a refused self-lockout', async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store)
    const post = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { ...server.headers('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new@example.com', name: 'New', password: 'short' }),
    })
    expect(post.status).toBe(400)
    expect(await post.json()).toMatchObject({ code: 'badRequest', field: 'password' })
    const missing = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { ...server.headers('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'New', password: 'long-enough-1' }),
    })
    expect(await missing.json()).toMatchObject({ field: 'email' })
    const unadmin = await fetch(`${server.url}/api/users/${server.users.admin.id}`, {
      method: 'PATCH',
      headers: { ...server.headers('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ isAdmin: false }),
    })
    expect(await unadmin.json()).toMatchObject({ code: 'badRequest', field: 'isAdmin' })
    await server.close()
    await temp.cleanup()
  })
})
