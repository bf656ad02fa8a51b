import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CellHistoryResponse } from '@tandem/shared'
import {
  CLOSE_CODES,
  documentEpochOf,
  overlayWeight,
  seededRandom,
  writeCells,
} from '@tandem/shared'
import type { EpochWriter } from '../support/epoch-writer.js'
import {
  allSaved,
  docWithClient,
  epochClosed,
  rebase,
  rowsOf,
  writeEdits,
} from '../support/epoch-writer.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { StockClient } from '../support/stock-client.js'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'

describe('document epochs over a real server', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  const clients: StockClient[] = []
  const connect = (
    planId: string,
    doc: Y.Doc,
    params: Record<string, string> = {},
    account: TestAccount = 'planner',
  ) => {
    const client = connectStockClient(server.syncUrl, planId, {
      token: server.tokens[account],
      ext: true,
      doc,
      reconnect: false,
      params,
    })
    clients.push(client)
    return client
  }
  const startEpoch = async (planId: string) => {
    const response = await fetch(`${server.url}/api/plans/${planId}/epoch`, {
      method: 'POST',
      headers: server.headers('planner'),
    })
    expect(response.status).toBe(200)
    return (await response.json()) as { documentEpoch: number }
  }

  beforeEach(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
  })

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    await cleanup()
  })

  it('keeps every value, history and versions, and closes old-epoch peers with epochChanged', async () => {
    const planId = await createPlan(server, { skuCount: 6, periodCount: 8, seed: 3 })
    const editor = connect(planId, docWithClient(101))
    await editor.synced()
    const skus = editor.plan.listSkus()
    const random = seededRandom(19)
    for (let i = 0; i < 300; i++) {
      const edit = { measure: 'demand' as const, key: random.pick(skus), period: random.int(0, 7) }
      writeCells(editor.plan, [{ ...edit, value: random.int(0, 500) }])
    }
    writeCells(editor.plan, [{ measure: 'supply', key: skus[0], period: 4, value: 77 }])
    await waitFor(() => allSaved(editor), 10_000, 'saved')
    const before = rowsOf(editor)
    expect(overlayWeight(editor.doc).items).toBeGreaterThan(250)
    const version = await fetch(`${server.url}/api/plans/${planId}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.headers('planner') },
      body: JSON.stringify({ name: 'Before the epoch' }),
    })
    const { version: published } = (await version.json()) as { version: { id: string } }

    expect(await startEpoch(planId)).toEqual({ documentEpoch: 1 })
    await waitFor(() => editor.closes.length > 0, 5000, 'the old-epoch peer closed')
    expect(editor.closes[0].code).toBe(CLOSE_CODES.epochChanged)

    // A client holding the old document is refused before any sync, so nothing old is merged.
    const stale = docWithClient(102)
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(editor.doc))
    const refused = connect(planId, stale, { epoch: String(documentEpochOf(stale)) })
    await waitFor(() => refused.closes.length > 0, 5000, 'the stale copy refused')
    expect(refused.closes[0].code).toBe(CLOSE_CODES.epochChanged)

    const fresh = connect(planId, docWithClient(103), { epoch: '1' }, 'production')
    await fresh.synced()
    expect(documentEpochOf(fresh.doc)).toBe(1)
    expect(rowsOf(fresh)).toEqual(before)
    expect(overlayWeight(fresh.doc)).toEqual({ entries: 0, items: 0 })

    // Cell history keeps the edits of the old epoch under their author, and edits of the new one
    // follow them under theirs, with what the cell showed before (read from the new document).
    writeCells(fresh.plan, [{ measure: 'supply', key: skus[0], period: 4, value: 78 }])
    await waitFor(() => allSaved(fresh), 5000, 'saved on the new epoch')
    const history = await fetch(
      `${server.url}/api/plans/${planId}/history?measure=supply&key=${skus[0]}&period=4`,
      { headers: server.headers('planner') },
    )
    const { history: entries, current } = (await history.json()) as CellHistoryResponse
    expect(current).toBe(78)
    expect(entries.map(({ value, author, previous }) => ({ value, author, previous }))).toEqual([
      { value: 78, author: server.users.production.id, previous: 77 },
      { value: 77, author: server.users.planner.id, previous: expect.any(Number) as number },
    ])
    expect(Number(entries[0].seq)).toBeGreaterThan(Number(entries[1].seq))

    // A version published before the epoch compares with the live plan value by value.
    const compare = await fetch(`${server.url}/api/plans/${planId}/compare?from=${published.id}`, {
      headers: server.headers('planner'),
    })
    const { cells } = (await compare.json()) as {
      cells: { measure: string; key: string; period: number }[]
    }
    expect(cells.map(({ measure, key, period }) => [measure, key, period])).toEqual([
      ['supply', skus[0], 4],
    ])

    // Two versions on either side of the change compare with each other the same way.
    const after = await fetch(`${server.url}/api/plans/${planId}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.headers('planner') },
      body: JSON.stringify({ name: 'After the epoch' }),
    })
    const { version: later } = (await after.json()) as { version: { id: string } }
    const between = await fetch(
      `${server.url}/api/plans/${planId}/compare?from=${published.id}&to=${later.id}`,
      { headers: server.headers('planner') },
    )
    expect(((await between.json()) as { cells: unknown[] }).cells).toEqual([
      { measure: 'supply', key: skus[0], period: 4, from: 77, to: 78 },
    ])

    // Restoring the version from before the change writes its value on the new epoch's document.
    const restore = await fetch(
      `${server.url}/api/plans/${planId}/versions/${published.id}/restore`,
      { method: 'POST', headers: server.headers('planner') },
    )
    expect(await restore.json()).toMatchObject({ restoredCells: 1 })
    await waitFor(() => fresh.plan.readCell('supply', skus[0], 4) === 77, 5000, 'restored')
    expect(rowsOf(fresh)).toEqual(before)
    expect(fresh.closes).toEqual([])
    expect(documentEpochOf(fresh.doc)).toBe(1)
  })

  it('converges with nothing lost under seeded random edits across an epoch change', async () => {
    const planId = await createPlan(server, { skuCount: 8, periodCount: 10, seed: 5 })
    const random = seededRandom(77)
    /** What each writer last wrote to each of its own cells: the end state must hold all of it. */
    const lastWritten = new Map<string, number>()
    let nextClient = 200
    const open = (skus: string[], epoch?: number): EpochWriter => {
      const params: Record<string, string> = epoch === undefined ? {} : { epoch: String(epoch) }
      return {
        client: connect(planId, docWithClient(nextClient++), params),
        pending: new Map(),
        skus,
      }
    }
    const first = open([])
    await first.client.synced()
    const skus = first.client.plan.listSkus()
    first.client.destroy()
    let writers = [open(skus.slice(0, 4)), open(skus.slice(4))]
    await Promise.all(writers.map((w) => w.client.synced()))

    const write = (writer: EpochWriter) => {
      const edit = {
        measure: random.pick(['demand', 'supply'] as const),
        key: random.pick(writer.skus),
        period: random.int(0, 9),
        value: random.int(0, 999),
      }
      writeEdits(writer, [edit])
      lastWritten.set(`${edit.measure}:${edit.key}:${edit.period}`, edit.value)
    }
    let rebases = 0
    const rebaseClosed = (all: EpochWriter[]) =>
      Promise.all(
        all.map((w) => {
          if (!epochClosed(w.client)) return w
          rebases++
          return rebase(w, open)
        }),
      )

    let epoch: Promise<unknown> | undefined
    for (let round = 0; round < 40; round++) {
      for (const writer of writers) {
        if (writer.client.closes.length > 0) continue
        for (let n = random.int(1, 4); n > 0; n--) write(writer)
      }
      // Seeded random delivery: writers pause for a random number of event-loop turns.
      for (let pause = random.int(0, 3); pause > 0; pause--)
        await new Promise((resolve) => setImmediate(resolve))
      if (round === 15) epoch = startEpoch(planId)
      writers = await rebaseClosed(writers)
    }
    await epoch
    await waitFor(
      () => writers.every((w) => epochClosed(w.client) || allSaved(w.client)),
      10_000,
      'everything saved or closed',
    )
    writers = await rebaseClosed(writers)
    await waitFor(() => writers.every((w) => allSaved(w.client)), 10_000, 'everything saved')

    expect(rebases).toBeGreaterThanOrEqual(2)
    const reader = open([], 1)
    await reader.client.synced()
    expect(documentEpochOf(reader.client.doc)).toBe(1)
    for (const writer of writers) expect(rowsOf(writer.client)).toEqual(rowsOf(reader.client))
    for (const [cell, value] of lastWritten) {
      const [measure, key, period] = cell.split(':')
      expect(reader.client.plan.readCell(measure as 'demand', key, Number(period)), cell).toBe(
        value,
      )
    }
  })
})
