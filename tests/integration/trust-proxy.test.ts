import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Stores } from '@tandem/server'
import { connectRedisStores } from '@tandem/server'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { RedisCluster } from '../support/redis-cluster.js'
import { startRedisCluster } from '../support/redis-cluster.js'
import type { TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'

let redis: RedisServer
let cluster: RedisCluster
const cleanups: (() => Promise<void>)[] = []
beforeAll(async () => {
  ;[redis, cluster] = await Promise.all([startRedisServer(), startRedisCluster()])
})
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})
afterAll(async () => {
  await Promise.all([redis?.stop(), cluster?.stop()])
})

const silent = { error() {}, warn() {} }

async function sqlite(): Promise<Stores> {
  const temp = await tempSqliteStore()
  cleanups.push(temp.cleanup)
  return temp.store
}

async function redisStores(prefix = `test-${randomUUID()}`, url = redis.url): Promise<Stores> {
  const stores = await connectRedisStores(url, { prefix, logger: silent })
  cleanups.push(() => stores.close())
  return stores
}

async function server(stores: Stores, options: Parameters<typeof startTestServer>[1] = {}) {
  const started = await startTestServer(stores, { loginRateLimit: 3, ...options })
  cleanups.push(() => started.close())
  return started
}

/** A wrong-password sign-in, as sent through a proxy for `client` when one is given. */
async function signIn(target: TestServer, client?: string): Promise<number> {
  const response = await fetch(`${target.url}/api/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(client ? { 'x-forwarded-for': client } : {}),
    },
    body: JSON.stringify({ email: 'planner@test.tandem', password: 'wrong-password' }),
  })
  await response.arrayBuffer()
  return response.status
}

async function statuses(target: TestServer, client: string | undefined, count: number) {
  const seen: number[] = []
  for (let i = 0; i < count; i++) seen.push(await signIn(target, client))
  return seen
}

for (const [name, open] of [
  ['SQLite', sqlite],
  ['Redis', () => redisStores()],
  ['Redis Cluster', () => redisStores(`test-${randomUUID()}`, cluster.url)],
] as const) {
  describe(`rate counters (${name})`, () => {
    it('count hits per key in a window that the first hit opens, atomically', async () => {
      const { rateCounters } = await open()
      const hits = await Promise.all(
        Array.from({ length: 20 }, () => rateCounters.hit('login:10.0.0.1', 60_000)),
      )
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      )
      for (const { msLeft } of hits) {
        expect(msLeft).toBeGreaterThan(0)
        expect(msLeft).toBeLessThanOrEqual(60_000)
      }
      expect((await rateCounters.hit('login:10.0.0.2', 60_000)).count).toBe(1)
    })

    it('start again once the window is over', async () => {
      const { rateCounters } = await open()
      await rateCounters.hit('short', 20)
      expect((await rateCounters.hit('short', 20)).count).toBe(2)
      await new Promise((resolve) => setTimeout(resolve, 60))
      expect((await rateCounters.hit('short', 20)).count).toBe(1)
    })
  })
}

describe('TANDEM_TRUST_PROXY and the sign-in budget', () => {
  it('without it, every client behind one proxy shares the proxy address budget', async () => {
    const target = await server(await sqlite())
    expect(await statuses(target, '198.51.100.1', 3)).toEqual([401, 401, 401])
    expect(await signIn(target, '198.51.100.2')).toBe(429)
  })

  it('with it, each forwarded client address has its own budget, and logs show it', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean))
        done()
      },
    })
    const target = await server(await sqlite(), {
      trustProxy: ['127.0.0.1'],
      logger: { level: 'info', stream },
    })
    expect(await statuses(target, '198.51.100.1', 4)).toEqual([401, 401, 401, 429])
    expect(await statuses(target, '198.51.100.2', 3)).toEqual([401, 401, 401])
    expect(await signIn(target, '198.51.100.2')).toBe(429)
    const addresses = lines
      .map((line) => JSON.parse(line) as { req?: { remoteAddress?: string } })
      .flatMap((entry) => (entry.req?.remoteAddress ? [entry.req.remoteAddress] : []))
    expect(new Set(addresses)).toEqual(new Set(['198.51.100.1', '198.51.100.2']))
  })

  it('believes only the listed proxies', async () => {
    const target = await server(await sqlite(), { trustProxy: ['10.9.9.9'] })
    expect(await statuses(target, '198.51.100.1', 3)).toEqual([401, 401, 401])
    expect(await signIn(target, '198.51.100.2')).toBe(429)
  })

  it('with Redis, two instances count one budget per client', async () => {
    const prefix = `test-${randomUUID()}`
    const first = await server(await redisStores(prefix), { trustProxy: true })
    const second = await server(await redisStores(prefix), { trustProxy: true })
    expect(await statuses(first, '198.51.100.1', 2)).toEqual([401, 401])
    expect(await signIn(second, '198.51.100.1')).toBe(401)
    expect(await signIn(second, '198.51.100.1')).toBe(429)
    expect(await signIn(first, '198.51.100.1')).toBe(429)
    expect(await signIn(first, '198.51.100.3')).toBe(401)
  })
})
