import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import { startServerProcess } from '../support/server-process.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import { requestToken } from '../support/test-server.js'

const ADMIN = {
  TANDEM_ADMIN_EMAIL: 'ops@example.com',
  TANDEM_ADMIN_PASSWORD: 'a-long-admin-password',
}

describe.each(['sqlite', 'redis'] as const)('the server process with %s', (kind) => {
  let redis: RedisServer | undefined
  let dataDir: string
  let env: Record<string, string>

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tandem-main-'))
    env = { ...ADMIN, DATA_DIR: dataDir }
    if (kind === 'redis') {
      redis = await startRedisServer()
      env.REDIS_URL = redis.url
    }
  })

  afterAll(async () => {
    await redis?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('serves the demo plan, keeps every saved edit across a SIGTERM restart', async () => {
    const first = await startServerProcess(env)
    const token = await requestToken(first.url, 'sales@demo.tandem', 'demo-password')
    const plans = (await (
      await fetch(`${first.url}/api/plans`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      plans: { id: string; skuCount: number }[]
    }
    expect(plans.plans).toEqual([expect.objectContaining({ id: 'demo', skuCount: 200 })])

    const writer = connectStockClient(first.url.replace('http', 'ws') + '/sync', 'demo', {
      token,
      ext: true,
    })
    await writer.synced()
    const sku = writer.plan.listSkus()[7]
    for (let period = 0; period < 10; period++)
      writer.plan.writeCell('demand', sku, period, 1000 + period)
    const clock = Y.decodeStateVector(Y.encodeStateVector(writer.doc)).get(writer.doc.clientID)
    await waitFor(
      () =>
        writer.extensions.some(
          (m) =>
            m.type === 'saved' &&
            Y.decodeStateVector(m.stateVector).get(writer.doc.clientID) === clock,
        ),
      10_000,
      'saved',
    )
    writer.destroy()
    expect(await first.stop('SIGTERM')).toBe(0)
    expect(existsSync(join(dataDir, 'tandem.db'))).toBe(kind === 'sqlite')

    const second = await startServerProcess(env)
    expect(second.output()).not.toContain('Admin account (shown once')
    const viewerToken = await requestToken(second.url, 'viewer@demo.tandem', 'demo-password')
    const reader = connectStockClient(second.url.replace('http', 'ws') + '/sync', 'demo', {
      token: viewerToken,
    })
    await reader.synced()
    expect(reader.plan.readRow('demand', sku).slice(0, 10)).toEqual(
      Array.from({ length: 10 }, (_, period) => 1000 + period),
    )
    reader.destroy()
    expect(await second.stop('SIGINT')).toBe(0)
  })
  it('SIGTERM during a storm: every edit the server took is acknowledged, sockets close 1001', async () => {
    const server = await startServerProcess(env)
    const token = await requestToken(server.url, 'sales@demo.tandem', 'demo-password')
    const syncUrl = server.url.replace('http', 'ws') + '/sync'
    const writers = [0, 1, 2].map((n) => {
      const doc = new Y.Doc()
      doc.clientID = 7000 + n
      return connectStockClient(syncUrl, 'demo', { token, ext: true, doc, reconnect: false })
    })
    await Promise.all(writers.map((w) => w.synced()))
    const skus = writers[0].plan.listSkus()
    let value = 1
    const storm = setInterval(() => {
      writers.forEach((w, n) => w.plan.writeCell('demand', skus[20 + n], 3 + (value % 8), value))
      value++
    }, 2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const stopped = server.stop('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 50))
    clearInterval(storm)
    expect(await stopped).toBe(0)
    await waitFor(() => writers.every((w) => w.closes.length > 0), 5000, 'close events')
    for (const w of writers) expect(w.closes[0].code).toBe(1001)
    // What each writer saw acknowledged is exactly what the store kept.
    const acknowledged = writers.map((w) => {
      const saved = w.extensions.filter((m) => m.type === 'saved')
      const last = saved[saved.length - 1]
      return last?.type === 'saved'
        ? (Y.decodeStateVector(last.stateVector).get(w.doc.clientID) ?? 0)
        : 0
    })
    expect(Math.min(...acknowledged)).toBeGreaterThan(0)
    writers.forEach((w) => w.destroy())

    const again = await startServerProcess(env)
    const reader = connectStockClient(again.url.replace('http', 'ws') + '/sync', 'demo', {
      token: await requestToken(again.url, 'viewer@demo.tandem', 'demo-password'),
    })
    await reader.synced()
    const stored = Y.decodeStateVector(Y.encodeStateVector(reader.doc))
    writers.forEach((w, n) =>
      expect(stored.get(7000 + n) ?? 0).toBeGreaterThanOrEqual(acknowledged[n]),
    )
    reader.destroy()
    expect(await again.stop('SIGTERM')).toBe(0)
  })
})
