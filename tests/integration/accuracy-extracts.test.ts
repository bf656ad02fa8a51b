import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { AccuracyReport, SnapshotPlacement } from '@tandem/shared'
import {
  accuracyExtractOf,
  decodeAccuracyExtract,
  encodeAccuracyExtract,
  extractAccuracySnapshot,
  MAX_ACCURACY_LAG,
  periodKey,
  periodStart,
  PlanDoc,
  placeAccuracyExtract,
} from '@tandem/shared'
import { materializeStoredPlan } from '../security/support/stored-plan.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

/**
 * Versions' accuracy extracts over a real server: one published through the API gets its
 * extract; an older version without one is decoded once by a report and its extract saved; a
 * fresh server computes from the extracts it finds, and decodes a version again when its
 * extract cannot be read.
 */
describe('accuracy extracts of versions on a real server', () => {
  let servers: TestServer[] = []
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  let plan: PlanDoc
  let placementOf: (id: string, publishedAt: string) => SnapshotPlacement
  const actual = new Map<string, number>()
  const OLD = 'v-old'
  let oldAt: string

  const consensusWmape = async (on: TestServer): Promise<number | null | undefined> => {
    const response = await fetch(`${on.url}/api/plans/${planId}/accuracy?lag=1`, {
      headers: on.headers('viewer'),
    })
    expect(response.status).toBe(200)
    const report = (await response.json()) as AccuracyReport
    return report.stages.find((s) => s.stage === 'consensus')?.measures?.wmape
  }
  /** Σ|A − F| / ΣA over period 0, F the old version's demand times `factor`, computed here. */
  const expectedWmape = (factor: number) => {
    let absolute = 0
    let total = 0
    for (const sku of plan.listSkus()) {
      const a = actual.get(sku)!
      absolute += Math.abs(a - factor * plan.readCell('demand', sku, 0))
      total += a
    }
    return absolute / total
  }
  const placedExtract = async (versionId: string, publishedAt: string) => {
    const bytes = await server.store.records.loadAccuracyExtract(planId, versionId)
    return (
      bytes &&
      placeAccuracyExtract(decodeAccuracyExtract(bytes), placementOf(versionId, publishedAt))
    )
  }
  const another = async (options: Parameters<typeof startTestServer>[1] = {}) => {
    const next = await startTestServer(server.store, options)
    servers.push(next)
    return next
  }

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    servers = [server]
    planId = await createPlan(server, { skuCount: 5, periodCount: 8, history: true, seed: 7 })
    plan = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    const { periodKind, firstPeriod } = plan.readMeta()
    placementOf = (id, publishedAt) => ({
      id,
      kind: 'consensus',
      publishedAt,
      periodKind,
      firstPeriod,
      maxLag: MAX_ACCURACY_LAG,
    })
    // Stored as a version from before extracts was: without one.
    oldAt = new Date(periodStart(periodKind, firstPeriod, -1).getTime() + 86_400_000).toISOString()
    await server.store.records.createVersion(
      { id: OLD, planId, name: 'Old', note: '', author: 'x', createdAt: oldAt, kind: 'consensus' },
      Y.encodeStateAsUpdate(plan.doc),
    )
    const rows = plan.listSkus().map((sku, i) => {
      const value = Math.round(plan.readCell('demand', sku, 0) * 1.2) + i
      actual.set(sku, value)
      return { sku, period: periodKey(periodKind, firstPeriod, 0), value }
    })
    const put = await fetch(`${server.url}/api/plans/${planId}/actuals`, {
      method: 'PUT',
      headers: { ...server.headers('planner'), 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
    })
    expect(put.status).toBe(200)
  })

  afterAll(async () => {
    for (const each of servers.reverse()) await each.close()
    await cleanup()
  })

  it('keeps the extract of a version published through the API', async () => {
    const response = await fetch(`${server.url}/api/plans/${planId}/versions`, {
      method: 'POST',
      headers: { ...server.headers('planner'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Published now' }),
    })
    expect(response.status).toBe(201)
    const { version } = (await response.json()) as { version: { id: string; createdAt: string } }
    // Extracted in the worker after the answer: poll the store.
    const started = Date.now()
    while (
      (await server.store.records.loadAccuracyExtract(planId, version.id)) === undefined &&
      Date.now() - started < 10_000
    )
      await new Promise((resolve) => setTimeout(resolve, 20))
    const stored = await server.store.records.loadVersion(planId, version.id)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored!.snapshot)
    expect(await placedExtract(version.id, version.createdAt)).toEqual(
      extractAccuracySnapshot(new PlanDoc(doc), placementOf(version.id, version.createdAt)),
    )
  })

  it('decodes an older version once for a report and saves its extract', async () => {
    expect(await server.store.records.loadAccuracyExtract(planId, OLD)).toBeUndefined()
    expect(await consensusWmape(server)).toBeCloseTo(expectedWmape(1), 9)
    expect(await placedExtract(OLD, oldAt)).toEqual(
      extractAccuracySnapshot(plan, placementOf(OLD, oldAt)),
    )
  })

  it('computes from the extracts a fresh server finds, and decodes again past an unreadable one', async () => {
    // An extract that says twice the demand: a report that reads it says so.
    const doubled = new PlanDoc(new Y.Doc())
    Y.applyUpdate(doubled.doc, Y.encodeStateAsUpdate(plan.doc))
    for (const sku of plan.listSkus())
      doubled.writeCell('demand', sku, 0, 2 * plan.readCell('demand', sku, 0))
    await server.store.records.saveAccuracyExtract(
      planId,
      OLD,
      encodeAccuracyExtract(accuracyExtractOf(doubled, oldAt)),
    )
    const second = await another()
    expect(await consensusWmape(second)).toBeCloseTo(expectedWmape(2), 9)

    await server.store.records.saveAccuracyExtract(planId, OLD, Uint8Array.of(1, 2, 3))
    // This one starts its worker with it, as main.ts does: started, it still holds nothing.
    const third = await another({ accuracyWorkerAtStart: true })
    expect(await consensusWmape(third)).toBeCloseTo(expectedWmape(1), 9)
    expect(await placedExtract(OLD, oldAt)).toEqual(
      extractAccuracySnapshot(plan, placementOf(OLD, oldAt)),
    )
  })
})
