import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentEpochOf, overlayWeight, seededRandom } from '@tandem/shared'
import { connectRedisStores } from '@tandem/server'
import type { EpochWriter } from '../support/epoch-writer.js'
import {
  allSaved,
  docWithClient,
  epochClosed,
  rebase,
  rowsOf,
  writeEdits,
} from '../support/epoch-writer.js'
import type { RedisServer } from '../support/redis-server.js'
import { startRedisServer } from '../support/redis-server.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer } from '../support/test-server.js'

describe('an automatic document epoch with two instances on one Redis', () => {
  let redis: RedisServer
  let one: TestServer
  let two: TestServer
  const clients: StockClient[] = []

  beforeAll(async () => {
    redis = await startRedisServer()
    const prefix = `epoch-auto-${randomBytes(4).toString('hex')}`
    const jwtSecret = randomBytes(32).toString('hex')
    const compaction = { compactAfter: 20, compactIdleMs: 10 }
    // Only instance one starts epochs by itself, so instance two can only follow.
    one = await startTestServer(await connectRedisStores(redis.url, { prefix }), {
      jwtSecret,
      ...compaction,
      epochAfter: 300,
    })
    two = await startTestServer(await connectRedisStores(redis.url, { prefix }), {
      jwtSecret,
      ...compaction,
      epochAfter: 0,
    })
  })

  afterAll(async () => {
    for (const client of clients) client.destroy()
    await one.close(true)
    await two.close(true)
    await redis.stop()
  })

  it('starts on one instance, is followed by the other, and loses no edit', async () => {
    const planId = await createPlan(one, { skuCount: 6, periodCount: 8, seed: 21 })
    let nextClient = 700
    const opener =
      (server: TestServer) =>
      (skus: string[]): EpochWriter => {
        const client = connectStockClient(server.syncUrl, planId, {
          token: server.tokens.planner,
          ext: true,
          doc: docWithClient(nextClient++),
          reconnect: false,
        })
        clients.push(client)
        return { client, pending: new Map(), skus }
      }
    const onOne = opener(one)
    const onTwo = opener(two)
    const first = onOne([])
    await first.client.synced()
    const skus = first.client.plan.listSkus()
    first.client.destroy()

    const random = seededRandom(4410)
    const lastWritten = new Map<string, number>()
    let writers = [onOne(skus.slice(0, 3)), onTwo(skus.slice(3))]
    const instanceOf = [onOne, onTwo]
    await Promise.all(writers.map((w) => w.client.synced()))
    const rebasedOn = [0, 0]
    const rebaseClosed = (all: EpochWriter[]) =>
      Promise.all(
        all.map((w, i) => {
          if (!epochClosed(w.client)) return w
          rebasedOn[i]++
          return rebase(w, instanceOf[i])
        }),
      )

    // Overwrites from both instances, one update each, until both writers have followed a change.
    for (let round = 0; round < 600 && rebasedOn.some((n) => n === 0); round++) {
      for (const writer of writers) {
        if (writer.client.closes.length > 0) continue
        const edit = {
          measure: 'demand' as const,
          key: random.pick(writer.skus),
          period: random.int(0, 3),
          value: random.int(0, 999),
        }
        writeEdits(writer, [edit])
        lastWritten.set(`${edit.measure}:${edit.key}:${edit.period}`, edit.value)
      }
      await new Promise((resolve) => setTimeout(resolve, random.int(0, 3)))
      writers = await rebaseClosed(writers)
    }
    await waitFor(
      () => writers.every((w) => epochClosed(w.client) || allSaved(w.client)),
      15_000,
      'everything saved or closed',
    )
    writers = await rebaseClosed(writers)
    await waitFor(() => writers.every((w) => allSaved(w.client)), 15_000, 'everything saved')

    // Instance two never starts an epoch, yet its writer was closed and rebased onto one.
    expect(rebasedOn[0]).toBeGreaterThanOrEqual(1)
    expect(rebasedOn[1]).toBeGreaterThanOrEqual(1)
    const stored = await two.store.log.loadPlan(planId)
    expect(stored?.documentEpoch).toBeGreaterThanOrEqual(1)

    const readers = [onOne([]), onTwo([])]
    await Promise.all(readers.map((r) => r.client.synced()))
    for (const reader of readers) {
      expect(documentEpochOf(reader.client.doc)).toBe(stored?.documentEpoch)
      expect(overlayWeight(reader.client.doc).items).toBeLessThan(300)
    }
    await waitFor(
      () => JSON.stringify(rowsOf(readers[0].client)) === JSON.stringify(rowsOf(readers[1].client)),
      10_000,
      'both instances hold the same plan',
    )
    for (const writer of writers) expect(rowsOf(writer.client)).toEqual(rowsOf(readers[0].client))
    for (const [cell, value] of lastWritten) {
      const [measure, key, period] = cell.split(':')
      for (const reader of readers)
        expect(reader.client.plan.readCell(measure as 'demand', key, Number(period)), cell).toBe(
          value,
        )
    }
  })
})
