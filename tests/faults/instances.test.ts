import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
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
  moveTo,
  ownClock,
  pause,
  savedClock,
  startStorm,
  startTandem,
  visible,
  writeOnce,
  writeSaved,
} from './fault-harness.js'

/** Polls an asynchronous condition until it holds, or fails after the convergence deadline. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + CONVERGE_MS
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await pause(100)
  }
}

describe('several Tandem processes on one Redis', () => {
  let redis: RedisServer
  let started: Tandem[] = []
  let writers: Writer[] = []

  beforeAll(async () => {
    redis = await startRedisServer()
  })

  afterEach(async () => {
    writers.forEach((writer) => writer.destroy())
    writers = []
    for (const tandem of started) {
      tandem.process.signal('SIGCONT')
      await tandem.process.stop('SIGKILL')
    }
    started = []
  })

  afterAll(async () => {
    await redis.stop()
  })

  const start = async (compactAfter: number) => {
    const tandem = await startTandem({
      REDIS_URL: redis.url,
      TANDEM_COMPACT_AFTER: String(compactAfter),
    })
    started.push(tandem)
    return tandem
  }

  it('keeps the saved edits of one instance when a paused one resumes and compacts (issue 12)', async () => {
    // 100 entries of 20 bytes pass both conditions of compaction for this plan (5.5 kB).
    const [a, b] = [await start(100), await start(100)]
    const tokens = await demoTokens(a.url)
    const planId = await createSmallPlan(a.url, tokens.planner)
    writers = connectWriters([a.syncUrl, b.syncUrl], planId, tokens, 2, 8300)
    const [onA, onB] = writers
    await Promise.all(writers.map((writer) => writer.synced()))
    const clockOfA = () => Y.decodeStateVector(Y.encodeStateVector(onB.doc)).get(onA.clientID) ?? 0

    await writeSaved(onA, 95)
    await waitFor(() => clockOfA() >= ownClock(onA), CONVERGE_MS, 'instance B follows')
    b.process.signal('SIGSTOP')
    try {
      await writeSaved(onA, 10)
      // A's log now passes the threshold: after a quiet second, A compacts and trims it.
      await until(
        async () => (await loadFromRedis(redis.url, planId)).logEntries < 105,
        'A compacts',
      )
    } finally {
      b.process.signal('SIGCONT')
    }
    // B takes edits of its own, past the threshold, and compacts too.
    await writeSaved(onB, 110)
    await until(async () => (await loadFromRedis(redis.url, planId)).logEntries < 110, 'B compacts')

    const fresh = await start(100)
    const loaded = await loadAsViewer(fresh.syncUrl, planId, tokens.viewer)
    expect(lostSaved(writers, loaded.clocks)).toBe(0)
    expect(loaded.visible).toBe(visible(onA.doc))
    await waitFor(() => clockOfA() >= ownClock(onA), CONVERGE_MS, "A's edits reach B's client")
  })

  it('loses nothing with forced compaction every few entries on three instances', async () => {
    // A threshold of 2 forces compaction every 20 entries on every instance.
    const instances = [await start(2), await start(2), await start(2)]
    const tokens = await demoTokens(instances[0].url)
    const planId = await createSmallPlan(instances[0].url, tokens.planner)
    writers = connectWriters(
      instances.map(({ syncUrl }) => syncUrl),
      planId,
      tokens,
      9,
      8400,
    )
    await Promise.all(writers.map((writer) => writer.synced()))
    const storm = startStorm(writers, 30)
    await pause(3000)
    storm.stop()
    await converged(writers)
    // No client reconnected, so none resent anything: the store must hold every edit itself.
    expect(writers.flatMap(({ closes }) => closes)).toEqual([])
    expect((await loadFromRedis(redis.url, planId)).logEntries).toBeLessThan(
      writers.reduce((sum, writer) => sum + writer.writes, 0),
    )

    const fresh = await start(2)
    const loaded = await loadAsViewer(fresh.syncUrl, planId, tokens.viewer)
    expect(lostSaved(writers, loaded.clocks)).toBe(0)
    expect(missing(writers, loaded.clocks)).toBe(0)
    expect(loaded.visible).toBe(visible(writers[0].doc))
  })

  it('loses nothing when an instance is killed and its clients move to another', async () => {
    const [a, b] = [await start(20), await start(20)]
    const tokens = await demoTokens(a.url)
    const planId = await createSmallPlan(a.url, tokens.planner)
    writers = connectWriters([a.syncUrl, b.syncUrl], planId, tokens, 8, 8500)
    await Promise.all(writers.map((writer) => writer.synced()))
    const storm = startStorm(writers)
    await pause(1500)
    expect(await a.process.stop('SIGKILL')).toBeNull()
    await pause(300)
    storm.stop()

    // A's clients cannot reach any instance yet: nothing can resend what was lost.
    const stored = await loadFromRedis(redis.url, planId)
    expect(lostSaved(writers, stored.clocks)).toBe(0)
    for (const writer of writers.filter((_, i) => i % 2 === 0)) moveTo(writer, b.syncUrl)
    await converged(writers)

    const fresh = await start(20)
    const loaded = await loadAsViewer(fresh.syncUrl, planId, tokens.viewer)
    expect(missing(writers, loaded.clocks)).toBe(0)
    expect(loaded.visible).toBe(visible(writers[0].doc))
  })

  it('delivers a burst of 5,000 entries to the other instance and keeps them all', async () => {
    const [a, b] = [await start(1000), await start(1000)]
    const tokens = await demoTokens(a.url)
    const planId = await createSmallPlan(a.url, tokens.planner)
    writers = connectWriters([a.syncUrl], planId, tokens, 1, 8600)
    const [writer] = writers
    const reader = connectStockClient(b.syncUrl, planId, { token: tokens.viewer })
    try {
      await Promise.all([writer.synced(), reader.synced()])
      for (let i = 0; i < 5000; i++) writeOnce(writer)
      const clock = ownClock(writer)
      await waitFor(
        () =>
          savedClock(writer) >= clock &&
          (Y.decodeStateVector(Y.encodeStateVector(reader.doc)).get(writer.clientID) ?? 0) >= clock,
        CONVERGE_MS,
        "the burst reaches B's client",
      )
      expect(visible(reader.doc)).toBe(visible(writer.doc))
    } finally {
      reader.destroy()
    }
    const fresh = await start(1000)
    const loaded = await loadAsViewer(fresh.syncUrl, planId, tokens.viewer)
    expect(lostSaved(writers, loaded.clocks)).toBe(0)
    expect(missing(writers, loaded.clocks)).toBe(0)
  })
})
