import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CycleChangeResult, PlanVersion } from '@tandem/shared'
import { currentStage, cycleMap, readCycle } from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('the S&OP cycle over a real server: sign-off, the demand lock, forged sign-offs', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  const clients: StockClient[] = []

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, { restRateLimit: 100_000 })
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.close()
    await cleanup()
  })

  const api = async (account: TestAccount, path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...server.headers(account), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  const connect = async (account: TestAccount, planId: string) => {
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
      reconnect: false,
    })
    clients.push(client)
    await client.synced()
    return client
  }

  /** Sends one edit and waits for the server's answer: saved, or the rejection. */
  const attempt = async (client: StockClient, edit: () => void) => {
    const seen = client.extensions.length
    client.doc.transact(edit)
    const clock = Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID)
    await waitFor(
      () =>
        client.extensions
          .slice(seen)
          .some(
            (m) =>
              m.type === 'rejected' ||
              (m.type === 'saved' &&
                Y.decodeStateVector(m.stateVector).get(client.doc.clientID) === clock),
          ),
      5000,
      'an answer to the edit',
    )
    const rejected = client.extensions.slice(seen).find((m) => m.type === 'rejected')
    return rejected?.type === 'rejected'
      ? { code: rejected.code, reason: rejected.reason }
      : 'saved'
  }

  it('locks sales demand after the demand review sign-off, with the reason, until a planner reopens it', async () => {
    const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
    const base = `/api/plans/${planId}/cycle`
    const planner = await connect('planner', planId)
    const sku = planner.plan.listSkus()[0]

    expect((await api('sales', `${base}/sign-off`, { stage: 'dataGathering' })).status).toBe(403)
    expect(
      (await api('planner', `${base}/sign-off`, { stage: 'demandReview' })).body,
    ).toMatchObject({ code: 'conflict' })
    expect((await api('planner', `${base}/sign-off`, { stage: 'dataGathering' })).status).toBe(200)
    await waitFor(() => currentStage(planner.doc) === 'demandReview', 5000, 'demand review live')

    const sales = await connect('sales', planId)
    expect(await attempt(sales, () => sales.plan.writeCell('demand', sku, 4, 70))).toBe('saved')
    expect((await api('production', `${base}/sign-off`, { stage: 'demandReview' })).status).toBe(
      403,
    )
    const signed = await api('sales', `${base}/sign-off`, { stage: 'demandReview' })
    expect(signed.status).toBe(200)
    const result = signed.body as unknown as CycleChangeResult
    expect(result.cycle.stage).toBe('supplyReview')
    expect(result.cycle.signOffs.map((s) => [s.stage, s.by])).toEqual([
      ['dataGathering', server.users.planner.id],
      ['demandReview', server.users.sales.id],
    ])
    expect(result.version).toMatchObject({ kind: 'salesSubmission', author: server.users.sales.id })
    await waitFor(() => currentStage(planner.doc) === 'supplyReview', 5000, 'supply review live')

    // The sales submission is a version with its kind, holding the demand as signed off.
    const listed = await fetch(`${server.url}/api/plans/${planId}/versions`, {
      headers: server.headers('planner'),
    })
    const { versions } = (await listed.json()) as { versions: PlanVersion[] }
    expect(versions.map((v) => v.kind)).toEqual(['salesSubmission'])

    await waitFor(() => currentStage(sales.doc) === 'supplyReview', 5000, 'sales sees the stage')
    const locked = await attempt(sales, () => sales.plan.writeCell('demand', sku, 4, 80))
    expect(locked).toMatchObject({ code: 'stageLocked' })
    expect((locked as { reason: string }).reason).toMatch(
      /^The demand review is signed off \(the plan is in the supplyReview stage\): demand is locked until a planner reopens it: /,
    )
    expect(planner.plan.readCell('demand', sku, 4)).toBe(70)
    expect(await attempt(planner, () => planner.plan.writeCell('demand', sku, 5, 12))).toBe('saved')

    expect(
      (await api('sales', `${base}/reopen`, { stage: 'demandReview', reason: 'x' })).status,
    ).toBe(403)
    expect(
      (await api('planner', `${base}/reopen`, { stage: 'demandReview', reason: ' ' })).body,
    ).toMatchObject({ code: 'badRequest', field: 'reason' })
    const reopened = await api('planner', `${base}/reopen`, {
      stage: 'demandReview',
      reason: 'Late orders from the east',
    })
    expect(reopened.status).toBe(200)
    const seller = await connect('sales', planId)
    expect(readCycle(seller.doc).reopenings).toEqual([
      expect.objectContaining({
        stage: 'demandReview',
        by: server.users.planner.id,
        reason: 'Late orders from the east',
      }),
    ])
    expect(await attempt(seller, () => seller.plan.writeCell('demand', sku, 4, 80))).toBe('saved')
  })

  it('refuses a sign-off or a stage written over the socket, even in the sender’s own name', async () => {
    const planId = await createPlan(server, { skuCount: 2, periodCount: 6 })
    const sales = await connect('sales', planId)
    const forged = await attempt(sales, () => {
      const list = new Y.Array<unknown>()
      list.push([
        { stage: 'demandReview', by: server.users.planner.id, at: new Date().toISOString() },
      ])
      cycleMap(sales.doc).set('signOffs', list)
      cycleMap(sales.doc).set('stage', 'supplyReview')
    })
    expect(forged).toMatchObject({ code: 'forbiddenRole' })
    const planner = await connect('planner', planId)
    expect(readCycle(planner.doc).signOffs).toEqual([])
    const moved = await attempt(planner, () => cycleMap(planner.doc).set('stage', 'executiveSop'))
    expect(moved).toMatchObject({ code: 'forbiddenRole' })
    const planner2 = await connect('planner', planId)
    expect(
      await attempt(planner2, () => cycleMap(planner2.doc).set('due.demandReview', '2026-12-10')),
    ).toBe('saved')
  })
})
