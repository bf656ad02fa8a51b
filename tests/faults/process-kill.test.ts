import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { Tandem, Writer } from './fault-harness.js'
import {
  connectWriters,
  converged,
  createSmallPlan,
  demoTokens,
  loadAsViewer,
  lostSaved,
  missing,
  ownClock,
  pause,
  savedClock,
  startStorm,
  startTandem,
  visible,
} from './fault-harness.js'

describe.each(['sqlite', 'redis'] as const)('kill -9 of a Tandem process on %s', (kind) => {
  let redis: RedisServer | undefined
  let dataDir: string
  let env: Record<string, string>
  let writers: Writer[] = []
  const started: Tandem[] = []

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tandem-fault-'))
    env = { DATA_DIR: dataDir, TANDEM_COMPACT_AFTER: '50' }
    if (kind === 'redis') {
      redis = await startRedisServer()
      env.REDIS_URL = redis.url
    }
  })

  afterAll(async () => {
    writers.forEach((writer) => writer.destroy())
    for (const tandem of started) await tandem.process.stop('SIGKILL')
    await redis?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  const start = async (port?: number) => {
    const tandem = await startTandem(env, port)
    started.push(tandem)
    return tandem
  }

  it('loses no saved edit during a storm, and every unsaved edit arrives after reconnect', async () => {
    const first = await start()
    const tokens = await demoTokens(first.url)
    const planId = await createSmallPlan(first.url, tokens.planner)
    writers = connectWriters([first.syncUrl], planId, tokens, 10, 8100)
    await Promise.all(writers.map((writer) => writer.synced()))

    const storm = startStorm(writers)
    await pause(1500)
    expect(await first.process.stop('SIGKILL')).toBeNull()
    await pause(300) // edits made while the server is down stay unsaved on the clients
    storm.stop()
    const saved = writers.map(savedClock)
    expect(Math.min(...saved)).toBeGreaterThan(0)
    expect(writers.some((writer, i) => ownClock(writer) > saved[i])).toBe(true)

    // A fresh process that no writer reaches loads exactly what was saved, or more.
    const verifier = await start()
    const stored = await loadAsViewer(verifier.syncUrl, planId, tokens.viewer)
    expect(lostSaved(writers, stored.clocks)).toBe(0)
    await verifier.process.stop()

    // The server comes back on its port; the writers reconnect and resend what was unsaved.
    await start(first.port)
    await converged(writers)
    const fresh = await start()
    const final = await loadAsViewer(fresh.syncUrl, planId, tokens.viewer)
    expect(missing(writers, final.clocks)).toBe(0)
    expect(final.visible).toBe(visible(writers[0].doc))
  })
})
