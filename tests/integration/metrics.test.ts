import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'

const TOKEN = 'scrape-token-for-tests'

/** The samples of a Prometheus text exposition, by `name{labels}`. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const at = line.lastIndexOf(' ')
    found.set(line.slice(0, at), Number(line.slice(at + 1)))
  }
  return found
}

describe('/metrics scraped from a real server', () => {
  const cleanups: (() => Promise<void>)[] = []
  const clients: StockClient[] = []
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy())
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  const start = async (options: Parameters<typeof startTestServer>[1]) => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store, options)
    cleanups.push(temp.cleanup, () => server.close())
    return server
  }

  const scrape = async (server: TestServer, authorization?: string) => {
    const response = await fetch(`${server.url}/metrics`, {
      headers: authorization ? { authorization } : {},
    })
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    }
  }

  it('is not served without TANDEM_METRICS_TOKEN', async () => {
    const server = await start({})
    expect((await scrape(server, `Bearer ${TOKEN}`)).status).toBe(404)
  })

  it('counts rooms, sockets, accepted and rejected updates, appends, relays, compactions and imports', async () => {
    const server = await start({ metricsToken: TOKEN, compactAfter: 5, compactIdleMs: 10 })
    expect((await scrape(server)).status).toBe(401)
    expect((await scrape(server, 'Bearer wrong-token')).status).toBe(401)
    const before = samples((await scrape(server, `Bearer ${TOKEN}`)).text)
    expect(before.get('tandem_updates_accepted_total')).toBe(0)
    expect(before.get('tandem_updates_rejected_total{code="forbiddenRole"}')).toBe(0)
    expect(before.get('tandem_rooms_open')).toBe(0)

    const created = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.headers('planner') },
      body: JSON.stringify({ id: 'metrics-plan', generator: { skuCount: 2, periodCount: 4 } }),
    })
    expect(created.status).toBe(201)
    const writerDoc = new Y.Doc()
    writerDoc.clientID = 4101
    const writer = connectStockClient(server.syncUrl, 'metrics-plan', {
      token: server.tokens.sales,
      ext: true,
      doc: writerDoc,
    })
    const reader = connectStockClient(server.syncUrl, 'metrics-plan', {
      token: server.tokens.viewer,
    })
    clients.push(writer, reader)
    await Promise.all([writer.synced(), reader.synced()])
    const [sku] = writer.plan.listSkus()
    const edits = 40
    for (let i = 0; i < edits; i++) {
      writer.plan.writeCell('demand', sku, 1 + (i % 3), 100 + i)
      await waitFor(
        () => reader.plan.readCell('demand', sku, 1 + (i % 3)) === 100 + i,
        5000,
        `edit ${i}`,
      )
    }
    const badDoc = new Y.Doc()
    badDoc.clientID = 4102
    const bad = connectStockClient(server.syncUrl, 'metrics-plan', {
      token: server.tokens.sales,
      ext: true,
      doc: badDoc,
      reconnect: false,
    })
    clients.push(bad)
    await bad.synced()
    bad.plan.writeCell('supply', sku, 2, 5)
    await waitFor(() => bad.closes.length > 0, 5000, 'the rejected socket closing')
    expect(bad.extensions.find((m) => m.type === 'rejected')).toMatchObject({
      code: 'forbiddenRole',
    })

    const csv = ['SKU,Measure,2026-W01', 'A-1,demand,5'].join('\r\n')
    for (const body of [Buffer.from('\u0000\u0001binary'), Buffer.from(csv)]) {
      await fetch(`${server.url}/api/plans/import?id=imported-${body.length}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...server.headers('planner') },
        body: new Uint8Array(body),
      })
    }
    server.app.metrics.forecastRun('ok')

    // Compaction runs after a quiet moment and a closed socket leaves a moment later: scrape
    // until both are seen.
    let after = new Map<string, number>()
    for (let i = 0; i < 200; i++) {
      const scraped = await scrape(server, `Bearer ${TOKEN}`)
      expect(scraped.status).toBe(200)
      expect(scraped.type).toMatch(/^text\/plain; version=0\.0\.4/)
      after = samples(scraped.text)
      const compacted = after.get('tandem_compactions_total{store="sqlite",outcome="ok"}') ?? 0
      if (compacted >= 1 && after.get('tandem_sockets_open') === 2) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(
      after.get('tandem_compactions_total{store="sqlite",outcome="ok"}'),
    ).toBeGreaterThanOrEqual(1)
    expect(after.get('tandem_rooms_open')).toBe(1)
    expect(after.get('tandem_sockets_open')).toBe(2)
    expect(after.get('tandem_updates_accepted_total')).toBeGreaterThanOrEqual(edits)
    expect(after.get('tandem_updates_rejected_total{code="forbiddenRole"}')).toBe(1)
    expect(after.get('tandem_store_append_seconds_count{store="sqlite"}')).toBeGreaterThanOrEqual(
      edits,
    )
    expect(after.get('tandem_relay_fanout_messages_count')).toBeGreaterThanOrEqual(edits)
    expect(after.get('tandem_relay_fanout_messages_sum')).toBeGreaterThanOrEqual(edits)
    expect(after.get('tandem_import_runs_total{kind="create",outcome="refused"}')).toBe(1)
    expect(after.get('tandem_import_runs_total{kind="create",outcome="ok"}')).toBe(1)
    expect(after.get('tandem_forecast_runs_total{outcome="ok"}')).toBe(1)
    expect(after.has('nodejs_eventloop_lag_p99_seconds')).toBe(true)
  })
})
