import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, createFlag, readFlags, readThreads, startThread } from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

const NOW = '2026-11-27T10:00:00.000Z'

describe('comments and flags through a real server', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  const clients: StockClient[] = []

  const join = async (account: TestAccount) => {
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
      reconnect: false,
    })
    clients.push(client)
    await client.synced()
    return client
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('relays a viewer thread and rejects another user editing its message', async () => {
    const viewer = await join('viewer')
    const sales = await join('sales')
    const anchor = { measure: 'projected' as const, key: viewer.plan.listSkus()[0], period: 2 }
    startThread(
      viewer.plan,
      { id: 'why-short', anchor, author: server.users.viewer.id, now: NOW },
      { id: 'm1' },
    ).insert(0, '为什么三月缺货？')
    await waitFor(
      () => readThreads(sales.plan)[0]?.messages[0]?.body.toString() === '为什么三月缺货？',
      5000,
      'thread relayed',
    )

    readThreads(sales.plan)[0].messages[0].body.insert(0, 'Edited by sales: ')
    await waitFor(() => sales.closes.length > 0, 5000, 'rejection')
    expect(sales.closes[0].code).toBe(CLOSE_CODES.updateRejected)
    expect(sales.extensions.find((m) => m.type === 'rejected')).toMatchObject({
      code: 'forbiddenRole',
    })
    const observer = await join('production')
    expect(readThreads(observer.plan)[0].messages[0].body.toString()).toBe('为什么三月缺货？')
  })

  it('rejects a malformed thread and a flag from a viewer, and keeps a planner flag', async () => {
    const viewer = await join('viewer')
    viewer.plan.comments.set('broken', 'not a thread')
    await waitFor(() => viewer.closes.length > 0, 5000, 'malformed thread rejected')
    expect(viewer.extensions.find((m) => m.type === 'rejected')).toMatchObject({
      code: 'badStructure',
    })

    const planner = await join('planner')
    createFlag(planner.plan, {
      id: 'flag-1',
      kind: 'shortage',
      severity: 'high',
      owner: server.users.production.id,
      dueDate: '2026-12-15',
      status: 'open',
      cells: [{ measure: 'projected', key: planner.plan.listSkus()[0], period: 2 }],
      threadId: '',
      note: '',
      createdBy: server.users.planner.id,
      createdAt: NOW,
    })
    const clock = Y.decodeStateVector(Y.encodeStateVector(planner.doc)).get(planner.doc.clientID)
    await waitFor(
      () =>
        planner.extensions.some(
          (m) =>
            m.type === 'saved' &&
            Y.decodeStateVector(m.stateVector).get(planner.doc.clientID) === clock,
        ),
      5000,
      'flag saved',
    )
    const viewerAgain = await join('viewer')
    expect(readFlags(viewerAgain.plan)).toMatchObject([{ id: 'flag-1', status: 'open' }])
    viewerAgain.doc.transact(() =>
      (viewerAgain.plan.flags.get('flag-1') as Y.Map<unknown>).set('status', 'resolved'),
    )
    await waitFor(() => viewerAgain.closes.length > 0, 5000, 'viewer flag change rejected')
    expect(viewerAgain.extensions.find((m) => m.type === 'rejected')).toMatchObject({
      code: 'forbiddenRole',
    })
  })
})
