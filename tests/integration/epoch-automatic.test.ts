import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { documentEpochOf, overlayWeight, seededRandom } from '@tandem/shared'
import type { EpochWriter } from '../support/epoch-writer.js'
import {
  allSaved,
  docWithClient,
  epochClosed,
  rebase,
  rowsOf,
  writeEdits,
} from '../support/epoch-writer.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('an automatic document epoch when overlays grow large', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  const clients: StockClient[] = []

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    // Small thresholds, so a few hundred overwrites make a compaction due and the overlays heavy.
    server = await startTestServer(temp.store, {
      compactAfter: 20,
      compactIdleMs: 10,
      epochAfter: 300,
    })
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('starts a new epoch after enough overwrites, and the writers converge with nothing lost', async () => {
    const planId = await createPlan(server, { skuCount: 6, periodCount: 8, seed: 9 })
    let nextClient = 500
    const open = (skus: string[]): EpochWriter => {
      const client = connectStockClient(server.syncUrl, planId, {
        token: server.tokens.planner,
        ext: true,
        doc: docWithClient(nextClient++),
        reconnect: false,
      })
      clients.push(client)
      return { client, pending: new Map(), skus }
    }
    const first = open([])
    await first.client.synced()
    const skus = first.client.plan.listSkus()
    expect(documentEpochOf(first.client.doc)).toBe(0)
    first.client.destroy()

    const random = seededRandom(4409)
    const lastWritten = new Map<string, number>()
    let writers = [open(skus.slice(0, 3)), open(skus.slice(3))]
    await Promise.all(writers.map((w) => w.client.synced()))
    let rebases = 0
    const rebaseClosed = (all: EpochWriter[]) =>
      Promise.all(
        all.map((w) => {
          if (!epochClosed(w.client)) return w
          rebases++
          return rebase(w, open)
        }),
      )

    // Overwrites of a few cells, one update each, until the server has moved on by itself.
    for (let round = 0; round < 400 && rebases === 0; round++) {
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

    expect(rebases).toBeGreaterThanOrEqual(2)
    const reader = open([])
    await reader.client.synced()
    expect(documentEpochOf(reader.client.doc)).toBeGreaterThanOrEqual(1)
    // The new document's overlays hold only what was written after the change.
    expect(overlayWeight(reader.client.doc).items).toBeLessThan(300)
    for (const writer of writers) expect(rowsOf(writer.client)).toEqual(rowsOf(reader.client))
    for (const [cell, value] of lastWritten) {
      const [measure, key, period] = cell.split(':')
      expect(reader.client.plan.readCell(measure as 'demand', key, Number(period)), cell).toBe(
        value,
      )
    }
  })

  it('does not start one below the threshold', async () => {
    const planId = await createPlan(server, { skuCount: 6, periodCount: 8, seed: 9 })
    const writer = open(planId)
    await writer.client.synced()
    const [sku] = writer.client.plan.listSkus()
    // 200 overwrites make several compactions due, but leave the overlays under 300 items.
    for (let i = 0; i < 200; i++) {
      writeEdits(writer, [{ measure: 'supply', key: sku, period: i % 4, value: i }])
      await new Promise((resolve) => setImmediate(resolve))
    }
    await waitFor(() => allSaved(writer.client), 15_000, 'everything saved')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(writer.client.closes).toEqual([])
    expect(documentEpochOf(writer.client.doc)).toBe(0)
    const stored = await server.store.log.loadPlan(planId)
    expect(stored?.documentEpoch).toBe(0)
    expect(stored?.updates.length, 'compacted meanwhile').toBeLessThan(100)

    function open(id: string): EpochWriter {
      const client = connectStockClient(server.syncUrl, id, {
        token: server.tokens.planner,
        ext: true,
        doc: docWithClient(600),
        reconnect: false,
      })
      clients.push(client)
      return { client, pending: new Map(), skus: [] }
    }
  })
})
