import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { Tandem, Writer } from './fault-harness.js'
import {
  connectWriters,
  converged,
  CONVERGE_MS,
  createSmallPlan,
  demoTokens,
  loadAsViewer,
  loadFromRedis,
  lostSaved,
  missing,
  pause,
  startStorm,
  startTandem,
  visible,
  writeSaved,
} from './fault-harness.js'

interface Health {
  status: number
  rooms: number
  roomsInMemory: number
}

const run = promisify(execFile)

async function health(tandem: Tandem): Promise<Health> {
  const response = await fetch(`${tandem.url}/health`)
  const body = (await response.json()) as { rooms: number; roomsInMemory: number }
  return { status: response.status, rooms: body.rooms, roomsInMemory: body.roomsInMemory }
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + CONVERGE_MS
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await pause(100)
  }
}

/** How many XRANGE commands Redis has run (scripts' included), from INFO commandstats. */
async function xrangeCalls(port: number): Promise<number> {
  const { stdout } = await run('redis-cli', ['-p', String(port), 'info', 'commandstats'])
  return Number(/cmdstat_xrange:calls=(\d+)/.exec(stdout)?.[1] ?? 0)
}

describe('kill -9 of redis-server during a storm', () => {
  let redis: RedisServer
  let tandem: Tandem | undefined
  let writers: Writer[] = []

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true })
  })

  afterAll(async () => {
    writers.forEach((writer) => writer.destroy())
    await tandem?.process.stop('SIGKILL')
    await redis.stop()
  })

  it('loses no saved edit, says 503 meanwhile, recovers by itself and leaks no room', async () => {
    tandem = await startTandem({ REDIS_URL: redis.url, TANDEM_COMPACT_AFTER: '50' })
    const server = tandem
    const tokens = await demoTokens(server.url)
    const planId = await createSmallPlan(server.url, tokens.planner)
    writers = connectWriters([server.syncUrl], planId, tokens, 8, 8700)
    await Promise.all(writers.map((writer) => writer.synced()))
    expect(await health(server)).toMatchObject({ status: 200, rooms: 1, roomsInMemory: 1 })

    const storm = startStorm(writers)
    await pause(1500)
    await redis.kill('SIGKILL')
    await until(async () => (await health(server)).status === 503, '/health says 503')
    await pause(500) // edits made during the outage stay unsaved on the clients
    storm.stop()
    // Nothing may resend what was lost before the store is checked.
    writers.forEach((writer) => writer.provider.disconnect())
    await redis.restart()
    const stored = await loadFromRedis(redis.url, planId)
    expect(lostSaved(writers, stored.clocks)).toBe(0)

    // The same process recovers by itself once Redis is back.
    await until(async () => (await health(server)).status === 200, '/health says 200 again')
    writers.forEach((writer) => writer.provider.connect())
    await converged(writers)
    // The room that failed is gone: one room, one document, one feed.
    await until(async () => (await health(server)).roomsInMemory === 1, 'the failed room is gone')
    expect(await health(server)).toMatchObject({ status: 200, rooms: 1, roomsInMemory: 1 })
    const before = await xrangeCalls(redis.port)
    await writeSaved(writers[0], 20)
    await pause(300)
    const reads = (await xrangeCalls(redis.port)) - before
    expect(reads, 'log reads for 20 appends').toBeLessThanOrEqual(24)

    const fresh = await startTandem({ REDIS_URL: redis.url })
    try {
      const loaded = await loadAsViewer(fresh.syncUrl, planId, tokens.viewer)
      expect(missing(writers, loaded.clocks)).toBe(0)
      expect(loaded.visible).toBe(visible(writers[0].doc))
    } finally {
      await fresh.process.stop('SIGKILL')
    }
  })
})
