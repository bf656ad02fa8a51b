import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExtensionMessage, ForecastRunStatus, ImportErrorBody } from '@tandem/shared'
import {
  HISTORY_PERIODS,
  periodKey,
  PlanDoc,
  readActuals,
  readStatisticalForecast,
} from '@tandem/shared'
import { RawSyncClient } from '../security/support/raw-sync-client.js'
import { materializeStoredPlan } from '../security/support/stored-plan.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

const HISTORY = HISTORY_PERIODS.week

describe('actuals over REST and the forecast run, on a real server', () => {
  let server: TestServer
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  const put = async (account: TestAccount, planId: string, body: unknown) => {
    const response = await fetch(`${server.url}/api/plans/${planId}/actuals`, {
      method: 'PUT',
      headers: { ...server.headers(account), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('PUT actuals writes history and closed periods that every open board sees', async () => {
    const planId = await createPlan(server, { skuCount: 4, periodCount: 8 })
    const viewer = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    await viewer.synced()
    const [skuA, skuB] = viewer.plan.listSkus()
    const { periodKind, firstPeriod } = viewer.plan.readMeta()
    const key = (p: number) => periodKey(periodKind, firstPeriod, p)
    const answer = await put('planner', planId, {
      rows: [
        { sku: skuA, period: key(-HISTORY), value: 11 },
        { sku: skuA, period: key(-1), value: 12 },
        { sku: skuB, period: key(0), value: 13 },
        { sku: skuB, period: key(-2), value: null },
      ],
    })
    expect(answer).toEqual({ status: 200, body: { changedCells: 3, skus: 2 } })
    await waitFor(() => readActuals(viewer.plan, skuB)[HISTORY] === 13, 3000, 'actuals live')
    const a = readActuals(viewer.plan, skuA)
    expect([a[0], a[HISTORY - 1], a[HISTORY - 2]]).toEqual([11, 12, null])
    viewer.destroy()
  })

  it('refuses a request with a bad row whole, naming each row, column and reason', async () => {
    const planId = await createPlan(server, { skuCount: 4, periodCount: 8 })
    const before = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    const [sku] = before.listSkus()
    const { periodKind, firstPeriod } = before.readMeta()
    const key = (p: number) => periodKey(periodKind, firstPeriod, p)
    const answer = await put('planner', planId, {
      rows: [
        { sku, period: key(-3), value: 20 },
        { sku, period: key(-4), value: -5 },
        { sku: 'NO-SUCH-SKU', period: key(-4), value: 1 },
        { sku, period: key(-HISTORY - 1), value: 1 },
        { sku, period: key(-5), value: 'ten' },
        { sku, period: key(-3), value: 21 },
      ],
    })
    expect(answer.status).toBe(400)
    const body = answer.body as unknown as ImportErrorBody
    expect(body.errorCount).toBe(5)
    expect(body.errors.map((e) => [e.place.row, e.place.field, e.code])).toEqual([
      [2, 'value', 'negativeValue'],
      [3, 'sku', 'unknownSku'],
      [4, 'period', 'outsideActuals'],
      [5, 'value', 'notANumber'],
      [6, 'period', 'duplicateRow'],
    ])
    expect(body.errors[0].message).toMatch(/^row 2, column value: -5 must not be negative/)
    expect(body.errors[0].field).toBe('rows[1].value')
    const after = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    expect(readActuals(after, sku)).toEqual(readActuals(before, sku))
    expect(after.actuals.size).toBe(0)

    const sales = await put('sales', planId, { rows: [{ sku, period: key(-3), value: 1 }] })
    expect(sales.status).toBe(403)
  })

  it('runs the forecast off the event loop, reports progress, and writes it to every board', async () => {
    const planId = await createPlan(server, {
      skuCount: 60,
      periodCount: 26,
      seed: 42,
      history: true,
    })
    const watcher = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.sales,
    })
    const viewer = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    await viewer.synced()
    const skus = viewer.plan.listSkus()
    expect(viewer.plan.forecast.size).toBe(0)

    const started = await fetch(`${server.url}/api/plans/${planId}/forecast`, {
      method: 'POST',
      headers: server.headers('planner'),
    })
    expect(started.status).toBe(202)
    const first = (await started.json()) as ForecastRunStatus
    expect(first).toMatchObject({ state: 'running', done: 0, total: skus.length })
    const again = await fetch(`${server.url}/api/plans/${planId}/forecast`, {
      method: 'POST',
      headers: server.headers('planner'),
    })
    expect(again.status).toBe(409)

    await waitFor(() => viewer.plan.forecast.size === skus.length, 60_000, 'every baseline live')
    await server.app.forecasts.settled(planId)
    // The end of the run is sent before `settled` resolves, but it may still be on its way.
    await waitFor(
      () => watcher.extensions.some((m) => m.type === 'forecastProgress' && m.state === 'done'),
      10_000,
      'the done message received',
    )
    const progress = watcher.extensions.filter(
      (m): m is Extract<ExtensionMessage, { type: 'forecastProgress' }> =>
        m.type === 'forecastProgress',
    )
    const done = progress.map((m) => m.done)
    expect(progress.length).toBeGreaterThan(3)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(progress.every((m) => m.total === skus.length)).toBe(true)
    expect(progress.some((m) => m.state === 'running' && m.done > 0 && m.done < skus.length)).toBe(
      true,
    )
    expect(progress.at(-1)).toEqual({
      type: 'forecastProgress',
      state: 'done',
      done: skus.length,
      total: skus.length,
    })
    const status = (await (
      await fetch(`${server.url}/api/plans/${planId}/forecast`, {
        headers: server.headers('viewer'),
      })
    ).json()) as ForecastRunStatus
    expect(status).toMatchObject({ state: 'done', done: skus.length, total: skus.length })

    for (const sku of skus) {
      const baseline = readStatisticalForecast(viewer.plan, sku)
      expect(baseline?.values).toHaveLength(26)
      expect(baseline?.values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true)
    }
    const launched = readStatisticalForecast(viewer.plan, 'SKU-00004') // DEMO_HISTORY_SHAPES.newProduct
    expect(launched?.historyLength).toBe(10)
    const classes = new Set(
      skus.map((sku) => readStatisticalForecast(viewer.plan, sku)?.demandClass),
    )
    expect(classes.has('smooth')).toBe(true)
    expect(classes.has('intermittent') || classes.has('lumpy')).toBe(true)
    watcher.close()
    viewer.destroy()
  })

  it('rejects a client write to the forecast root, even from a planner', async () => {
    const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
    const planner = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.planner,
    })
    const [sku] = planner.plan.listSkus()
    const update = planner.edit((plan) =>
      plan.forecast.set(sku, { values: [1, 2, 3, 4, 5, 6], method: 'naive' }),
    )
    planner.sendUpdate(update)
    const verdict = await planner.verdict(planner.savedCount)
    expect(verdict).toMatchObject({ kind: 'rejected', code: 'forbiddenRole' })
    const stored = new PlanDoc(await materializeStoredPlan(server.store.log, planId))
    expect(stored.forecast.size).toBe(0)
    planner.close()
  })
})
