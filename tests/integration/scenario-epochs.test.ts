import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PromoteAnswer, Scenario, ScenarioComparison, ScenarioConflict } from '@tandem/shared'
import { CLOSE_CODES, documentEpochOf } from '@tandem/shared'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

/** True once a `saved` message covers everything the client wrote. */
function allSaved(client: StockClient): boolean {
  const own = Y.getState(client.doc.store, client.doc.clientID)
  return client.extensions.some(
    (m) =>
      m.type === 'saved' &&
      (Y.decodeStateVector(m.stateVector).get(client.doc.clientID) ?? 0) >= own,
  )
}

describe('scenarios across a document epoch change of the base', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  const clients: StockClient[] = []
  let nextClientId = 501

  const api = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...server.headers('planner'),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: response.status, body: (await response.json()) as T }
  }

  /** A client of `id`; `copy` is a local copy it already holds, sent with its epoch. */
  const connect = (id: string, copy?: Y.Doc) => {
    const doc = new Y.Doc()
    doc.clientID = nextClientId++
    if (copy) Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy))
    const client = connectStockClient(server.syncUrl, id, {
      token: server.tokens.planner,
      ext: true,
      doc,
      reconnect: false,
      params: copy ? { epoch: String(documentEpochOf(copy)) } : {},
    })
    clients.push(client)
    return client
  }

  const edit = async (client: StockClient, write: () => void) => {
    write()
    await waitFor(() => allSaved(client), 5000, 'edit saved')
  }

  const newEpoch = async () => {
    const answer = await api<{ documentEpoch: number }>('POST', `/api/plans/${planId}/epoch`)
    expect(answer.status).toBe(200)
    return answer.body.documentEpoch
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 4, periodCount: 6, seed: 5 })
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('compares, lists conflicts and promotes by value after the base moved to a new epoch', async () => {
    const { scenario } = (
      await api<{ scenario: Scenario }>('POST', `/api/plans/${planId}/scenarios`, { name: 'S' })
    ).body
    expect(scenario.branch.documentEpoch).toBe(0)
    const inside = connect(scenario.id)
    const base = connect(planId)
    await Promise.all([inside.synced(), base.synced()])
    const [a, b] = inside.plan.listSkus() as [string, string]
    await edit(inside, () => {
      inside.plan.writeCell('supply', a, 3, 4001)
      inside.plan.writeCell('supply', b, 4, 4002)
    })
    await edit(base, () => base.plan.writeCell('supply', b, 4, 4003))
    const wasA = base.plan.readCell('supply', a, 3)

    expect(await newEpoch()).toBe(1)
    await waitFor(() => base.closes.length > 0, 5000, 'old-epoch base peer closed')

    const compared = await api<ScenarioComparison>(
      'GET',
      `/api/plans/${planId}/scenarios/${scenario.id}/compare`,
    )
    expect(compared.status).toBe(200)
    expect(compared.body.cells).toEqual(
      [
        { measure: 'supply', key: a, period: 3, from: wasA, to: 4001 },
        { measure: 'supply', key: b, period: 4, from: 4003, to: 4002 },
      ].sort((x, y) => (x.key < y.key ? -1 : 1)),
    )
    const conflicts = await api<{ conflicts: ScenarioConflict[]; changedCells: number }>(
      'GET',
      `/api/plans/${planId}/scenarios/${scenario.id}/conflicts`,
    )
    expect(conflicts.body.changedCells).toBe(2)
    expect(conflicts.body.conflicts.map((c) => [c.key, c.period, c.base, c.scenario])).toEqual([
      [b, 4, 4003, 4002],
    ])
    const promoted = await api<PromoteAnswer>(
      'POST',
      `/api/plans/${planId}/scenarios/${scenario.id}/promote`,
      { all: 'scenario' },
    )
    expect(promoted.body).toMatchObject({ appliedCells: 2, tookScenario: 1, refused: [] })
    const after = connect(planId)
    await after.synced()
    expect(documentEpochOf(after.doc)).toBe(1)
    expect(after.plan.readCell('supply', a, 3)).toBe(4001)
    expect(after.plan.readCell('supply', b, 4)).toBe(4002)
  })

  it('a scenario branched after an epoch change (live, from an older version, or a supply proposal) is a plan at epoch 0 that its own clients rejoin', async () => {
    const published = await api<{ version: { id: string } }>(
      'POST',
      `/api/plans/${planId}/versions`,
      { name: 'Before' },
    )
    expect(await newEpoch()).toBe(1)
    const branches: [string, () => Promise<{ status: number; body: { scenario: Scenario } }>][] = [
      ['live', () => api('POST', `/api/plans/${planId}/scenarios`, { name: 'Live' })],
      [
        'version',
        () =>
          api('POST', `/api/plans/${planId}/scenarios`, {
            name: 'Version',
            from: published.body.version.id,
          }),
      ],
      ['proposal', () => api('POST', `/api/plans/${planId}/scenarios/propose-supply`, {})],
    ]
    for (const [from, branch] of branches) {
      const created = await branch()
      expect(created.status).toBe(201)
      const { scenario } = created.body
      expect(scenario.branch.documentEpoch).toBe(from === 'version' ? 0 : 1)
      const first = connect(scenario.id)
      await first.synced()
      expect(documentEpochOf(first.doc)).toBe(0)
      await edit(first, () => first.plan.writeCell('demand', first.plan.listSkus()[0]!, 2, 321))
      // A board reopening the scenario sends its local copy's epoch: it must be the room's.
      const again = connect(scenario.id, first.doc)
      await again.synced()
      expect(again.closes.map((c) => c.code)).not.toContain(CLOSE_CODES.epochChanged)
      expect(again.plan.readCell('demand', first.plan.listSkus()[0]!, 2)).toBe(321)
    }
  })
})
