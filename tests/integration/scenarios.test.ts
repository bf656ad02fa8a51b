import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PromoteAnswer, Scenario, ScenarioComparison, ScenarioConflict } from '@tandem/shared'
import { conflictKey } from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('scenarios over a real server and real sockets', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  const clients: StockClient[] = []

  const api = async <T = Record<string, unknown>>(
    account: TestAccount,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...server.headers(account),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await response.text()
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T }
  }

  const connect = async (account: TestAccount, id: string) => {
    const client = connectStockClient(server.syncUrl, id, {
      token: server.tokens[account],
      ext: true,
    })
    clients.push(client)
    await client.synced()
    return client
  }

  /** Runs `edit` in the client's document and resolves once the server saved it. */
  const saved = async (client: StockClient, edit: () => void) => {
    edit()
    const clock = Y.getState(client.doc.store, client.doc.clientID)
    await waitFor(
      () =>
        client.extensions.some(
          (m) =>
            m.type === 'saved' &&
            Y.decodeStateVector(m.stateVector).get(client.doc.clientID) === clock,
        ),
      5000,
      'edit saved',
    )
  }

  const create = async (account: TestAccount, body: Record<string, unknown>) =>
    api<{ scenario: Scenario }>(account, 'POST', `/api/plans/${planId}/scenarios`, body)

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

  it('branches a scenario that is a plan of its own, with the base’s roles, hidden from the plan list', async () => {
    const created = await create('planner', { name: 'Demand +20 %', description: 'Promotion' })
    expect(created.status).toBe(201)
    const scenario = created.body.scenario
    expect(scenario).toMatchObject({
      baseId: planId,
      name: 'Demand +20 %',
      description: 'Promotion',
      owner: server.users.planner.id,
      scope: 'all',
      status: 'active',
      branch: { kind: 'live' },
    })
    const base = await connect('viewer', planId)
    const inside = await connect('sales', scenario.id)
    expect(inside.doc.getMap('demand').toJSON()).toEqual(base.doc.getMap('demand').toJSON())
    // Same rules inside: sales write demand, and a viewer in the base is a viewer here.
    const record = await api<{ role: string; scenario?: Scenario }>(
      'viewer',
      'GET',
      `/api/plans/${scenario.id}`,
    )
    expect(record.body.role).toBe('viewer')
    expect(record.body.scenario?.baseId).toBe(planId)
    const sku = inside.plan.listSkus()[0]!
    await saved(inside, () => inside.plan.writeCell('demand', sku, 3, 4321))
    expect(base.plan.readCell('demand', sku, 3)).not.toBe(4321)

    // Roles assigned in the base hold in the scenario: a deny, and a role other than the default.
    await server.store.accounts.setPlanRole(planId, server.users.sales.id, 'none')
    await server.store.accounts.setPlanRole(planId, server.users.viewer.id, 'production')
    expect((await api('sales', 'GET', `/api/plans/${scenario.id}`)).status).toBe(404)
    expect(
      (await api<{ role: string }>('viewer', 'GET', `/api/plans/${scenario.id}`)).body.role,
    ).toBe('production')
    await server.store.accounts.setPlanRole(planId, server.users.sales.id, null)
    await server.store.accounts.setPlanRole(planId, server.users.viewer.id, null)

    const plans = await api<{ plans: { id: string }[] }>('planner', 'GET', '/api/plans')
    expect(plans.body.plans.map((p) => p.id)).toEqual([planId])
    const list = await api<{ scenarios: Scenario[] }>(
      'sales',
      'GET',
      `/api/plans/${planId}/scenarios`,
    )
    expect(list.body.scenarios.map((s) => s.id)).toEqual([scenario.id])
  })

  it('lets production create supply scenarios only, and nobody else create one', async () => {
    const supply = await create('production', { name: 'Close the gaps' })
    expect(supply.status).toBe(201)
    expect(supply.body.scenario.scope).toBe('supply')
    expect((await create('production', { name: 'All', scope: 'all' })).status).toBe(403)
    expect((await create('sales', { name: 'Mine' })).status).toBe(403)
    expect((await create('viewer', { name: 'Mine' })).status).toBe(403)
    // A scenario is not a base of scenarios.
    const nested = await api('planner', 'POST', `/api/plans/${supply.body.scenario.id}/scenarios`, {
      name: 'Nested',
    })
    expect(nested.status).toBe(400)
  })

  it('branches from a published version, and compares with the base: cells, totals, gaps, capacity', async () => {
    const planner = await connect('planner', planId)
    const sku = planner.plan.listSkus()[0]!
    const before = planner.plan.readCell('supply', sku, 2)
    await api('planner', 'POST', `/api/plans/${planId}/versions`, { id: 'v1', name: 'Version 1' })
    // The live plan moves on after the version; the scenario starts from the version.
    await saved(planner, () => planner.plan.writeCell('supply', sku, 2, before + 500))
    const fromVersion = await create('planner', { name: 'From v1', from: 'v1' })
    expect(fromVersion.body.scenario.branch).toMatchObject({ kind: 'version', versionId: 'v1' })
    const compared = await api<ScenarioComparison>(
      'viewer',
      'GET',
      `/api/plans/${planId}/scenarios/${fromVersion.body.scenario.id}/compare`,
    )
    expect(compared.status).toBe(200)
    expect(compared.body.cells).toEqual([
      { measure: 'supply', key: sku, period: 2, from: before + 500, to: before },
    ])
    expect(compared.body.totals).toHaveLength(1)
    expect(compared.body.siteTotals).toHaveLength(1)
    expect(compared.body.capacity.length).toBeGreaterThan(0)
    expect(compared.body.gaps.from).toHaveProperty('shortage')
    expect((await create('planner', { name: 'x', from: 'nope' })).status).toBe(404)

    // Two scenarios of the same plan compare with each other.
    const live = await create('planner', { name: 'Live' })
    const other = await api<ScenarioComparison>(
      'viewer',
      'GET',
      `/api/plans/${planId}/scenarios/${live.body.scenario.id}/compare?with=${fromVersion.body.scenario.id}`,
    )
    expect(other.body.cells).toEqual([
      { measure: 'supply', key: sku, period: 2, from: before, to: before + 500 },
    ])
  })

  it('promotes as attributed edits, reports frozen cells refused, and resolves conflicts both ways', async () => {
    const scenario = (await create('planner', { name: 'Supply plan B' })).body.scenario
    const inside = await connect('production', scenario.id)
    const skus = inside.plan.listSkus()
    const [a, b, c] = [skus[0]!, skus[1]!, skus[2]!]
    await saved(inside, () => {
      inside.plan.writeCell('supply', a, 0, 111) // to be frozen in the base
      inside.plan.writeCell('supply', a, 4, 222) // plain change
      inside.plan.writeCell('supply', b, 5, 333) // conflict → keep base
      inside.plan.writeCell('supply', c, 6, 444) // conflict → take scenario
    })
    const planner = await connect('planner', planId)
    const production = await connect('production', planId)
    await saved(planner, () => planner.doc.getMap('meta').set('frozenThrough', 1))
    await saved(production, () => {
      production.plan.writeCell('supply', b, 5, 555)
      production.plan.writeCell('supply', c, 6, 666)
    })

    const conflicts = await api<{ conflicts: ScenarioConflict[]; changedCells: number }>(
      'planner',
      'GET',
      `/api/plans/${planId}/scenarios/${scenario.id}/conflicts`,
    )
    expect(conflicts.body.changedCells).toBe(4)
    expect(conflicts.body.conflicts.map((x) => [x.key, x.period, x.base, x.scenario])).toEqual(
      [
        [b, 5, 555, 333],
        [c, 6, 666, 444],
      ].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    )
    const unresolved = await api(
      'planner',
      'POST',
      `/api/plans/${planId}/scenarios/${scenario.id}/promote`,
      {
        cells: { [conflictKey({ measure: 'supply', key: b, period: 5 })]: 'base' },
      },
    )
    expect(unresolved.status).toBe(409)
    expect(planner.plan.readCell('supply', a, 4)).not.toBe(222)
    expect(
      (
        await api('sales', 'POST', `/api/plans/${planId}/scenarios/${scenario.id}/promote`, {
          all: 'base',
        })
      ).status,
    ).toBe(403)

    const promoted = await api<PromoteAnswer>(
      'planner',
      'POST',
      `/api/plans/${planId}/scenarios/${scenario.id}/promote`,
      {
        cells: {
          [conflictKey({ measure: 'supply', key: b, period: 5 })]: 'base',
          [conflictKey({ measure: 'supply', key: c, period: 6 })]: 'scenario',
        },
      },
    )
    expect(promoted.status).toBe(200)
    expect(promoted.body).toMatchObject({
      appliedCells: 2,
      keptBase: 1,
      tookScenario: 1,
      scenario: { status: 'promoted', closedBy: server.users.planner.id },
    })
    expect(promoted.body.refused).toEqual([
      expect.objectContaining({
        measure: 'supply',
        key: a,
        period: 0,
        value: 111,
        code: 'frozenPeriod',
      }),
    ])
    expect(promoted.body.refused[0]!.reason).toContain('frozen')
    // Everyone's base shows the result.
    for (const client of [planner, production]) {
      await waitFor(() => client.plan.readCell('supply', a, 4) === 222, 5000, 'promotion relayed')
      expect(client.plan.readCell('supply', b, 5)).toBe(555)
      expect(client.plan.readCell('supply', c, 6)).toBe(444)
      expect(client.plan.readCell('supply', a, 0)).not.toBe(111)
    }
    // Attributed to the promoter, under the source scenario; the activity says so.
    const history = await api<{ history: { author: string; source?: string }[] }>(
      'viewer',
      'GET',
      `/api/plans/${planId}/history?measure=supply&key=${a}&period=4`,
    )
    expect(history.body.history[0]).toMatchObject({
      author: server.users.planner.id,
      source: 'scenario',
    })
    const activity = await api<{ activity: { scenario?: { id: string; event: string } }[] }>(
      'viewer',
      'GET',
      `/api/plans/${planId}/activity`,
    )
    expect(activity.body.activity.flatMap((e) => (e.scenario ? [e.scenario.event] : []))).toEqual([
      'promoted',
      'created',
    ])
    // Archived: a second promotion is refused, and the scenario's editors reconnect as viewers.
    expect(
      (
        await api('planner', 'POST', `/api/plans/${planId}/scenarios/${scenario.id}/promote`, {
          all: 'base',
        })
      ).status,
    ).toBe(409)
    await waitFor(() => inside.closes.some((close) => close.code === 4012), 5000, 'role changed')
    const viewer = await api<{ role: string }>('production', 'GET', `/api/plans/${scenario.id}`)
    expect(viewer.body.role).toBe('viewer')
  })

  it('takes the scenario for every conflict with all: scenario', async () => {
    const scenario = (await create('planner', { name: 'All mine' })).body.scenario
    const inside = await connect('planner', scenario.id)
    const base = await connect('planner', planId)
    const sku = inside.plan.listSkus()[0]!
    await saved(inside, () => {
      inside.plan.writeCell('demand', sku, 3, 10)
      inside.plan.writeCell('demand', sku, 4, 20)
    })
    await saved(base, () => {
      base.plan.writeCell('demand', sku, 3, 30)
      base.plan.writeCell('demand', sku, 4, 40)
    })
    const promoted = await api<PromoteAnswer>(
      'planner',
      'POST',
      `/api/plans/${planId}/scenarios/${scenario.id}/promote`,
      { all: 'scenario' },
    )
    expect(promoted.body).toMatchObject({
      appliedCells: 2,
      tookScenario: 2,
      keptBase: 0,
      refused: [],
    })
    await waitFor(() => base.plan.readCell('demand', sku, 4) === 20, 5000, 'promotion relayed')
    expect(base.plan.readCell('demand', sku, 3)).toBe(10)
  })

  it('discards (owner or planner): archived, logged in the activity, nothing written to the base', async () => {
    const scenario = (await create('production', { name: 'Try' })).body.scenario
    expect(
      (await api('sales', 'POST', `/api/plans/${planId}/scenarios/${scenario.id}/discard`)).status,
    ).toBe(403)
    const discarded = await api<{ scenario: Scenario }>(
      'production',
      'POST',
      `/api/plans/${planId}/scenarios/${scenario.id}/discard`,
    )
    expect(discarded.body.scenario).toMatchObject({
      status: 'discarded',
      closedBy: server.users.production.id,
    })
    expect(
      (await api('planner', 'POST', `/api/plans/${planId}/scenarios/${scenario.id}/discard`))
        .status,
    ).toBe(409)
    const activity = await api<{ activity: { scenario?: { event: string } }[] }>(
      'viewer',
      'GET',
      `/api/plans/${planId}/activity`,
    )
    expect(activity.body.activity.flatMap((e) => (e.scenario ? [e.scenario.event] : []))).toEqual([
      'discarded',
      'created',
    ])
  })

  it('deleting a base deletes its scenarios', async () => {
    const scenario = (await create('planner', { name: 'Gone with the base' })).body.scenario
    expect((await api('planner', 'DELETE', `/api/plans/${scenario.id}`)).status).toBe(400)
    expect((await api('planner', 'DELETE', `/api/plans/${planId}`)).status).toBe(204)
    expect(await server.store.log.getPlan(scenario.id)).toBeUndefined()
    expect(await server.store.scenarios.getScenario(scenario.id)).toBeUndefined()
  })

  it('opens and closes 200 scenarios, leaking no room', async () => {
    const ids: string[] = []
    for (let i = 0; i < 200; i++)
      ids.push((await create('planner', { name: `S${i}` })).body.scenario.id)
    await waitFor(() => server.app.rooms.size === 0, 10_000, 'base room unloaded')
    for (let start = 0; start < ids.length; start += 50) {
      const batch = ids
        .slice(start, start + 50)
        .map((id) => connectStockClient(server.syncUrl, id, { token: server.tokens.viewer }))
      await Promise.all(batch.map((client) => client.synced()))
      expect(server.app.rooms.size).toBe(50)
      for (const client of batch) client.destroy()
      await waitFor(() => server.app.rooms.size === 0, 10_000, 'scenario rooms unloaded')
    }
    expect(server.app.rooms.roomsInMemory).toBe(0)
  })
})
