import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { AccuracyReport, VersionKind } from '@tandem/shared'
import {
  HISTORY_PERIODS,
  periodKey,
  PlanDoc,
  readActuals,
  writeOverrideReason,
} from '@tandem/shared'
import { DEMO_PLAN_ID, ensureDemoPlan } from '@tandem/server'
import { materializeStoredPlan } from '../security/support/stored-plan.js'
import { accuracyReportSchema } from '../../server/src/routes/accuracy-schemas.js'
import { connectStockClient } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

const HISTORY = HISTORY_PERIODS.week

interface SchemaNode {
  type?: string | readonly string[]
  properties?: Record<string, SchemaNode>
  required?: readonly string[]
  items?: SchemaNode
  enum?: readonly unknown[]
}

/**
 * Where a value breaks a response schema in the style of response-schemas.ts (every field
 * listed and required, no others): the route sends JSON serialised in the worker, not through
 * the schema, so the two must agree to the field.
 */
function schemaBreaks(schema: SchemaNode, value: unknown, at = '$'): string[] {
  const types = schema.type === undefined ? [] : [schema.type].flat()
  if (value === null) return types.includes('null') ? [] : [`${at}: null`]
  if (Array.isArray(value)) {
    if (!types.includes('array')) return [`${at}: array`]
    return value.flatMap((entry, i) => schemaBreaks(schema.items!, entry, `${at}[${i}]`))
  }
  if (typeof value === 'object') {
    if (!types.includes('object')) return [`${at}: object`]
    const fields = Object.keys(schema.properties!).sort()
    const keys = Object.keys(value).sort()
    if (JSON.stringify(keys) !== JSON.stringify(fields)) return [`${at}: fields ${keys.join()}`]
    return keys.flatMap((key) =>
      schemaBreaks(
        schema.properties![key]!,
        (value as Record<string, unknown>)[key],
        `${at}.${key}`,
      ),
    )
  }
  const type = typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value
  const fits = types.includes(type) || (type === 'integer' && types.includes('number'))
  if (!fits) return [`${at}: ${type}`]
  return schema.enum && !schema.enum.includes(value) ? [`${at}: not one of the enum`] : []
}

/**
 * A plan with three years of history, two closed plan periods (0 and 1) and three versions: a
 * consensus published in period −1, then, after Sam (sales) overrode one cell with a reason, a
 * sales submission and a consensus in period 0. The route's figures are checked against sums
 * computed here from the same numbers.
 */
describe('GET /api/plans/:id/accuracy on a real server', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  let skus: string[]
  let before: PlanDoc
  let after: PlanDoc
  const actual = new Map<string, number>()
  const made = new Map<string, number>()
  const cell = (sku: string, t: number) => `${sku}@${t}`

  const get = async (account: TestAccount, query: string) => {
    const response = await fetch(`${server.url}/api/plans/${planId}/accuracy?${query}`, {
      headers: server.headers(account),
    })
    return { status: response.status, body: (await response.json()) as AccuracyReport }
  }
  const put = async (rows: unknown[]) => {
    const response = await fetch(`${server.url}/api/plans/${planId}/actuals`, {
      method: 'PUT',
      headers: { ...server.headers('planner'), 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  const storeVersion = async (
    id: string,
    kind: VersionKind,
    createdAt: string,
    plan: PlanDoc,
    baselineFrom: PlanDoc,
  ) => {
    const copy = new PlanDoc(new Y.Doc())
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(plan.doc))
    // The statistical forecast the version held: the demand before Sam's override.
    for (const sku of skus) copy.forecast.set(sku, { values: baselineFrom.readRow('demand', sku) })
    await server.store.records.createVersion(
      { id, planId, name: id, note: '', author: server.users.planner.id, createdAt, kind },
      Y.encodeStateAsUpdate(copy.doc),
    )
  }

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 6, periodCount: 8, history: true, seed: 11 })
    before = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    skus = before.listSkus()
    await storeVersion('c0', 'consensus', '2026-11-25T10:00:00Z', before, before)

    const sam = connectStockClient(server.syncUrl, planId, { token: server.tokens.sales })
    await sam.synced()
    const d = before.readCell('demand', skus[0]!, 1)
    sam.doc.transact(() => {
      sam.plan.writeCell('demand', skus[0]!, 1, d + 100)
      writeOverrideReason(sam.plan, skus[0]!, 1, { reason: 'promotion', note: '' })
    })
    const written = async () =>
      (await server.store.records.lastAuthors(planId, 'demand'))[cell(skus[0]!, 1)]
    const started = Date.now()
    while ((await written()) === undefined && Date.now() - started < 5000)
      await new Promise((resolve) => setTimeout(resolve, 20))
    sam.destroy()
    after = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    await storeVersion('s1', 'salesSubmission', '2026-12-01T09:00:00Z', after, before)
    await storeVersion('c1', 'consensus', '2026-12-01T15:00:00Z', after, before)

    const { periodKind, firstPeriod } = before.readMeta()
    const rows: unknown[] = []
    skus.forEach((sku, i) => {
      for (const t of [0, 1]) {
        const a =
          sku === skus[0] && t === 1
            ? d + 90
            : Math.round(before.readCell('demand', sku, t) * 1.1) + i
        actual.set(cell(sku, t), a)
        const m = before.readCell('supply', sku, t) + (i === 0 ? -5 : 3)
        made.set(cell(sku, t), m)
        const period = periodKey(periodKind, firstPeriod, t)
        rows.push({ sku, period, value: a }, { sku, period, value: m, kind: 'production' })
      }
    })
    expect((await put(rows)).status).toBe(200)
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  /** Σ|A − F| / ΣA and Σ(F − A) / ΣA over the cells given, computed here. */
  const wmapeAndBias = (cells: [number, number][]) => {
    const sumA = cells.reduce((s, [a]) => s + a, 0)
    const absolute = cells.reduce((s, [a, f]) => s + Math.abs(a - f), 0)
    const signed = cells.reduce((s, [a, f]) => s + (f - a), 0)
    return { wmape: absolute / sumA, bias: signed / sumA }
  }

  it('answers any role with the stages measured against the versions at the lag', async () => {
    const { status, body } = await get('viewer', 'lag=1')
    expect(status).toBe(200)
    expect(body.window).toMatchObject({ first: 0, last: 1 })
    expect(body.snapshots).toEqual({ salesSubmission: 1, consensus: 2 })
    // Lag 1: period 0 from c0 (published in −1), period 1 from c1 (published in 0).
    const consensus = skus.flatMap((sku) => [
      [actual.get(cell(sku, 0))!, before.readCell('demand', sku, 0)] as [number, number],
      [actual.get(cell(sku, 1))!, after.readCell('demand', sku, 1)] as [number, number],
    ])
    const expected = wmapeAndBias(consensus)
    const stage = (name: string) => body.stages.find((s) => s.stage === name)!
    expect(stage('consensus').measures!.wmape).toBeCloseTo(expected.wmape, 9)
    expect(stage('consensus').measures!.bias).toBeCloseTo(expected.bias, 9)
    const history = new Map(skus.map((sku) => [sku, readActuals(before, sku)]))
    // Seasonal naive: the actual 52 weeks before; a SKU launched since has none there.
    const naive = skus.flatMap((sku) =>
      [0, 1]
        .map((t) => [actual.get(cell(sku, t))!, history.get(sku)![HISTORY + t - 52]] as const)
        .filter((pair): pair is [number, number] => pair[1] !== null),
    )
    expect(naive.length).toBeLessThan(2 * skus.length)
    expect(stage('naive').measures!.wmape).toBeCloseTo(wmapeAndBias(naive).wmape, 9)
    // The sales submission exists for period 1 only; period 0 is no data, not 0.
    expect(stage('salesSubmission').measures!.count).toBe(skus.length)
    expect(body.trend[0]!.stages.find((s) => s.stage === 'salesSubmission')!.measures).toBeNull()
    expect(body.trend.map((p) => p.periodKey)).toEqual(['2026-W49', '2026-W50'])
  })

  it('attributes the override to Sam from the per-cell history, with its reason', async () => {
    const { body } = await get('production', 'lag=1')
    expect(body.byPerson).toEqual([
      {
        key: server.users.sales.id,
        name: server.users.sales.name,
        overrides: 1,
        improved: 1,
        improvedShare: 1,
        valueAddedUnits: 80,
        valueAddedPoints: (80 / actual.get(cell(skus[0]!, 1))!) * 100,
      },
    ])
    expect(body.byReason.map((r) => [r.key, r.overrides])).toEqual([['promotion', 1]])
    expect(body.harmful).toEqual([])
  })

  it('measures plan attainment from actual production against the consensus supply', async () => {
    const { body } = await get('sales', 'lag=1')
    let met = 0
    let planned = 0
    for (const sku of skus)
      for (const t of [0, 1]) {
        const plan = before.readCell('supply', sku, t)
        planned += plan
        met += Math.min(plan, made.get(cell(sku, t))!)
      }
    expect(body.attainment.total.attainment).toBeCloseTo(met / planned, 12)
    expect(body.attainment.sites.length).toBeGreaterThan(0)
    expect(body.offenders.length).toBe(skus.length)
  })

  it('says no data at a lag without snapshots, scopes to a family, and refuses a bad lag', async () => {
    const far = await get('viewer', 'lag=5')
    expect(far.body.window).toBeNull()
    expect(far.body.stages.every((s) => s.measures === null)).toBe(true)
    const family = before.readItem(skus[0]!)!.family
    const scoped = await get('viewer', `lag=1&family=${encodeURIComponent(family)}`)
    expect(scoped.body.families.map((f) => f.key)).toEqual([family])
    expect(scoped.body.skuCount).toBe(
      skus.filter((s) => before.readItem(s)!.family === family).length,
    )
    for (const lag of ['0', '13', 'x']) {
      const bad = await fetch(`${server.url}/api/plans/${planId}/accuracy?lag=${lag}`, {
        headers: server.headers('viewer'),
      })
      expect(bad.status).toBe(400)
    }
    const missing = await fetch(`${server.url}/api/plans/no-such-plan/accuracy?lag=1`, {
      headers: server.headers('viewer'),
    })
    expect(missing.status).toBe(404)
    const anonymous = await fetch(`${server.url}/api/plans/${planId}/accuracy?lag=1`)
    expect(anonymous.status).toBe(401)
  })

  it('caches per version set and actuals, and recomputes when the actuals change', async () => {
    const first = await get('viewer', 'lag=1')
    const again = await get('planner', 'lag=1')
    expect(again.body.computedAt).toBe(first.body.computedAt)
    const { periodKind, firstPeriod } = before.readMeta()
    const changed = await put([
      { sku: skus[1], period: periodKey(periodKind, firstPeriod, 0), value: 0 },
    ])
    expect(changed.body).toEqual({ changedCells: 1, skus: 1 })
    const fresh = await get('viewer', 'lag=1')
    expect(fresh.body.computedAt).not.toBe(first.body.computedAt)
    expect(fresh.body.stages[3]!.measures!.actualTotal).toBe(
      first.body.stages[3]!.measures!.actualTotal - actual.get(cell(skus[1]!, 0))!,
    )
  })

  it('pages the per-SKU rows of one computation, and refuses a page outside the limits', async () => {
    // Held open, so the live revision (and with it the cache key) stays the same throughout;
    // a room just loaded may still settle (its revision moves once), so wait for a cached answer.
    const room = await server.app.rooms.open(planId)
    let all = await get('viewer', 'lag=1&skuLimit=500')
    for (let i = 0; i < 20; i++) {
      const again = await get('viewer', 'lag=1&skuLimit=500')
      if (again.body.computedAt === all.body.computedAt) break
      all = again
    }
    expect(all.body.skuRows).toBe(6)
    expect(all.body.skus).toHaveLength(6)
    expect(all.body.skuOffset).toBe(0)
    const pages = [
      await get('viewer', 'lag=1&skuLimit=4'),
      await get('viewer', 'lag=1&skuOffset=4&skuLimit=4'),
    ]
    expect(pages.map((p) => [p.body.skuOffset, p.body.skus.length])).toEqual([
      [0, 4],
      [4, 2],
    ])
    expect(pages.flatMap((p) => p.body.skus)).toEqual(all.body.skus)
    // One computation answers every page.
    expect(new Set(pages.map((p) => p.body.computedAt))).toEqual(new Set([all.body.computedAt]))
    expect({ ...pages[1]!.body, skus: [], skuOffset: 0 }).toEqual({ ...all.body, skus: [] })
    expect((await get('viewer', 'lag=1')).body.skus).toHaveLength(6)
    for (const bad of ['skuLimit=0', 'skuLimit=501', 'skuOffset=-1', 'skuOffset=x']) {
      const refused = await get('viewer', `lag=1&${bad}`)
      expect(refused.status, bad).toBe(400)
    }
    server.app.rooms.release(room!)
  })

  it('answers exactly the documented schema, as JSON', async () => {
    const response = await fetch(`${server.url}/api/plans/${planId}/accuracy?lag=1`, {
      headers: server.headers('viewer'),
    })
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const body: unknown = await response.json()
    expect(schemaBreaks(accuracyReportSchema[200] as SchemaNode, body)).toEqual([])
  })

  it('without an open room, reads the stored plan in the worker: same figures, cached, no room loaded', async () => {
    const viaRoom = await server.app.rooms.open(planId)
    const first = await get(
      'viewer',
      'lag=1&site=' + encodeURIComponent(after.readItem(skus[0]!)!.site),
    )
    server.app.rooms.release(viaRoom!)
    const started = Date.now()
    while (server.app.rooms.loadedRoom(planId) && Date.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.app.rooms.loadedRoom(planId)).toBeUndefined()
    // Without a room the worker decodes the stored plan: the same figures, computed afresh.
    const stored = await get(
      'viewer',
      'lag=1&site=' + encodeURIComponent(after.readItem(skus[0]!)!.site),
    )
    expect(stored.body.computedAt).not.toBe(first.body.computedAt)
    expect({ ...stored.body, computedAt: '' }).toEqual({ ...first.body, computedAt: '' })
    expect(server.app.rooms.loadedRoom(planId)).toBeUndefined()
    const again = await get(
      'planner',
      'lag=1&site=' + encodeURIComponent(after.readItem(skus[0]!)!.site),
    )
    expect(again.body.computedAt).toBe(stored.body.computedAt)
    expect(server.app.rooms.loadedRoom(planId)).toBeUndefined()
  })

  it('refuses an unknown kind of actuals, naming the row', async () => {
    const { periodKind, firstPeriod } = before.readMeta()
    const answer = await put([
      { sku: skus[0], period: periodKey(periodKind, firstPeriod, 0), value: 1, kind: 'shipments' },
    ])
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.body)).toContain('unknownActualsKind')
  })
})

describe('the demo plan on first start', () => {
  let server: TestServer
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    const authors = { sales: server.users.sales.id, planner: server.users.planner.id }
    expect(await ensureDemoPlan(server.store, authors)).toBe(true)
    expect(await ensureDemoPlan(server.store, authors)).toBe(false)
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  it('ships 12 past cycles, so every panel of the Accuracy report has figures', async () => {
    const versions = await server.store.records.listVersions(DEMO_PLAN_ID)
    expect(versions.filter((v) => v.kind === 'salesSubmission')).toHaveLength(12)
    expect(versions.filter((v) => v.kind === 'consensus')).toHaveLength(12)
    // Each with its accuracy extract, so the first report decodes no version.
    for (const version of versions)
      expect(await server.store.records.loadAccuracyExtract(DEMO_PLAN_ID, version.id)).toBeDefined()
    const response = await fetch(`${server.url}/api/plans/${DEMO_PLAN_ID}/accuracy?lag=1`, {
      headers: server.headers('viewer'),
    })
    const report = (await response.json()) as AccuracyReport
    expect(response.status).toBe(200)
    expect(report.stages.every((s) => typeof s.measures?.wmape === 'number')).toBe(true)
    expect(report.stages.slice(1).every((s) => typeof s.valueAdded === 'number')).toBe(true)
    expect(report.trend).toHaveLength(11)
    expect(report.byPerson.map((p) => p.name).sort()).toEqual(['Planner Tester', 'Sales Tester'])
    expect(report.byReason.length).toBeGreaterThanOrEqual(4)
    expect(report.harmful.length).toBeGreaterThan(0)
    expect(report.offenders).toHaveLength(20)
    expect(report.attainment.total.attainment).toBeGreaterThan(0)
    expect(report.families.length).toBe(8)
  })
})
