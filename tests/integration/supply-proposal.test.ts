import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProposeSupplyAnswer, ScenarioComparison } from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'

/**
 * A: Juice, safety stock 10, demand 20 a week, lots of 10, one week of lead time. B: Tea, makes
 * 60 a week on the same line of 100, leaving 40. Week 0 is frozen.
 */
const rows = {
  meta: {
    name: 'Proposal',
    periodKind: 'week',
    firstPeriod: '2026-11-30',
    periodCount: 4,
    frozenThrough: 0,
    status: 'draft',
    unit: 'cs',
    maxValue: 1_000_000,
    decimals: 0,
    resources: [{ id: 'L1', name: 'Line 1', site: 'SH' }],
  },
  items: [
    {
      sku: 'A',
      name: 'A',
      family: 'Juice',
      site: 'SH',
      unit: 'cs',
      openingStock: 0,
      safetyStock: 10,
      maxStock: 0,
      resource: 'L1',
      leadTime: 1,
      lotSize: 10,
    },
    {
      sku: 'B',
      name: 'B',
      family: 'Tea',
      site: 'SH',
      unit: 'cs',
      openingStock: 0,
      safetyStock: 0,
      maxStock: 0,
      resource: 'L1',
    },
  ],
  demand: { A: [20, 20, 20, 20], B: [60, 60, 60, 60] },
  supply: { A: [0, 0, 0, 0], B: [60, 60, 60, 60] },
  capacity: { L1: [100, 100, 100, 100] },
}

describe('the supply proposal, into a new scenario, over a real server', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  const clients: StockClient[] = []

  const api = async <T>(account: TestAccount, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...server.headers(account),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: response.status, body: (await response.json()) as T }
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    const created = await api('planner', 'POST', '/api/plans', { id: 'proposal', rows })
    expect(created.status).toBe(201)
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('builds ahead within capacity, leaves frozen weeks alone and says what it cannot meet', async () => {
    const proposed = await api<ProposeSupplyAnswer>(
      'production',
      'POST',
      '/api/plans/proposal/scenarios/propose-supply',
      { family: 'Juice' },
    )
    expect(proposed.status).toBe(201)
    expect(proposed.body).toMatchObject({
      skus: 1,
      changedCells: 3,
      unmetCount: 2,
      scenario: { baseId: 'proposal', scope: 'supply', name: 'Supply proposal: Juice' },
    })
    // Week 0 is frozen (short 30 to safety stock); week 1 needs 50, the line has 40 left.
    expect(proposed.body.unmet).toEqual([
      { sku: 'A', period: 0, shortfall: 30, reason: 'frozen' },
      { sku: 'A', period: 1, shortfall: 10, reason: 'capacity', resource: 'L1' },
    ])
    const id = proposed.body.scenario.id
    const inside = connectStockClient(server.syncUrl, id, { token: server.tokens.production })
    clients.push(inside)
    await inside.synced()
    expect(inside.plan.readRow('supply', 'A')).toEqual([0, 40, 30, 20])
    expect(inside.plan.readRow('supply', 'B')).toEqual([60, 60, 60, 60])

    const compared = await api<ScenarioComparison>(
      'viewer',
      'GET',
      `/api/plans/proposal/scenarios/${id}/compare`,
    )
    expect(compared.body.gaps.from.shortage).toBe(4)
    expect(compared.body.gaps.to.shortage).toBe(1)
    expect(compared.body.capacity).toEqual([
      {
        resource: 'L1',
        from: [0.6, 0.6, 0.6, 0.6],
        to: [0.6, 1, 0.9, 0.8],
        overFrom: 0,
        overTo: 0,
      },
    ])
    // The proposal is the scenario's starting state: the base values of its supply rows.
    const cell = await api<{ history: unknown[]; base: number; current: number }>(
      'viewer',
      'GET',
      `/api/plans/${id}/history?measure=supply&key=A&period=1`,
    )
    expect(cell.body).toMatchObject({ history: [], base: 40, current: 40 })
    // The base plan is unchanged.
    const base = connectStockClient(server.syncUrl, 'proposal', { token: server.tokens.viewer })
    clients.push(base)
    await base.synced()
    expect(base.plan.readRow('supply', 'A')).toEqual([0, 0, 0, 0])
  })

  it('refuses sales and viewers, and a selection that matches no SKU', async () => {
    const path = '/api/plans/proposal/scenarios/propose-supply'
    expect((await api('sales', 'POST', path, {})).status).toBe(403)
    expect((await api('viewer', 'POST', path, {})).status).toBe(403)
    expect((await api('planner', 'POST', path, { family: 'Nothing' })).status).toBe(400)
    const list = await api<{ scenarios: { status: string }[] }>(
      'planner',
      'GET',
      '/api/plans/proposal/scenarios',
    )
    expect(list.body.scenarios).toEqual([])
  })
})
