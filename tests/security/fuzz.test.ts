import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'
import { buildCorpus } from './support/fuzz-corpus.js'
import { watchLoopStalls } from './support/loop-stalls.js'
import { emptyStats, runLane } from './support/fuzz-lane.js'
import { planProblems } from './support/plan-problems.js'
import { RawSyncClient } from './support/raw-sync-client.js'
import { createSeededPlan } from './support/seeded-plan.js'
import { materializeStoredPlan, visibleState } from './support/stored-plan.js'

const SEED = 20261127
const CORPUS_SIZE = 11_000
const LANES = 32
const MAX_PAYLOAD = 64 * 1024
const PERIODS = 8
const TEMPLATE_CLIENT = 5001
const EDITOR_CLIENT = 5002

describe('a seeded corpus of malformed traffic over real sockets', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  let observer: StockClient

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    // 32 lanes share five accounts: more sockets per user than the default cap allows.
    server = await startTestServer(temp.store, {
      maxPayload: MAX_PAYLOAD,
      restRateLimit: 100_000,
      socketCaps: { perUser: 0, perUserPlan: 0 },
    })
    // Fixed clientIDs everywhere (the plan's, the template's, the editor's): the corpus built
    // on them is then byte for byte the same on every machine.
    planId = await createSeededPlan(server, 'fuzz-plan', { skuCount: 6, periodCount: PERIODS })
  })

  afterAll(async () => {
    observer?.destroy()
    await server.close()
    await cleanup()
  })

  it('stays up, keeps another client syncing, stores nothing invalid and never blocks 100 ms', async () => {
    const template = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.planner,
      clientId: TEMPLATE_CLIENT,
    })
    const editor = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.sales,
      clientId: EDITOR_CLIENT,
    })
    const corpus = buildCorpus(
      {
        template: template.doc,
        userId: server.users.planner.id,
        foreignClient: editor.doc.clientID,
        maxPayload: MAX_PAYLOAD,
      },
      SEED,
      CORPUS_SIZE,
    )
    template.close()

    observer = connectStockClient(server.syncUrl, planId, { token: server.tokens.viewer })
    await observer.synced()
    const sku = observer.plan.listSkus()[0]
    const seen: { value: number; at: number }[] = []
    observer.doc.on('update', () => {
      const value = observer.plan.readCell('demand', sku, 2)
      if (seen.at(-1)?.value !== value) seen.push({ value, at: Date.now() })
    })

    let written = 0
    let editing = true
    const editLoop = (async () => {
      while (editing && editor.isOpen) {
        written++
        editor.sendUpdate(
          editor.edit((plan) => plan.writeCell('demand', sku, 2, 100_000 + written)),
        )
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })()

    const tokens = [
      server.tokens.planner,
      server.tokens.planner,
      server.tokens.planner,
      server.tokens.production,
      server.tokens.viewer,
    ]
    let connection = 0
    const url = () =>
      `${server.syncUrl}/${planId}?ext=1&token=${tokens[connection++ % tokens.length]}`
    let next = 0
    const take = () => corpus[next++]
    const stats = emptyStats()

    const delay = monitorEventLoopDelay({ resolution: 10 })
    const started = Date.now()
    delay.enable()
    const stopWatching = watchLoopStalls()
    await Promise.all(Array.from({ length: LANES }, () => runLane(url, take, stats)))
    delay.disable()
    const stalls = stopWatching()
    const seconds = (Date.now() - started) / 1000
    editing = false
    await editLoop

    const maxDelayMs = delay.max / 1e6
    const closes = [...stats.closes].sort((a, b) => b[1] - a[1])
    const rejections = [...stats.rejections].sort((a, b) => b[1] - a[1])
    console.log(
      `[security] corpus: ${stats.sent} messages (seed ${SEED}) over ${stats.connections} ` +
        `connections in ${seconds.toFixed(1)} s; closes ${JSON.stringify(Object.fromEntries(closes))}, ` +
        `survived ${stats.survived}, hangs ${stats.hangs}; rejected ` +
        `${JSON.stringify(Object.fromEntries(rejections))}; ${stats.saved} saved; the editor ` +
        `wrote ${written} edits meanwhile; event-loop delay max ${maxDelayMs.toFixed(1)} ms, ` +
        `p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms; longest stall of this process ` +
        `${stalls.longestOwnStallMs.toFixed(1)} ms (longest gap ${stalls.longestGapMs.toFixed(1)} ms)`,
    )
    console.log(`[security] corpus kinds: ${JSON.stringify(Object.fromEntries(stats.byKind))}`)

    expect(stats.sent).toBeGreaterThanOrEqual(10_000)
    expect(stats.hangs).toBe(0)

    // The concurrent editor was never disturbed, and an observer saw every one of its edits.
    expect(editor.isOpen).toBe(true)
    await waitFor(
      () => observer.plan.readCell('demand', sku, 2) === 100_000 + written,
      5000,
      'the last edit at the observer',
    )
    const values = seen.map((s) => s.value).filter((v) => v > 100_000)
    expect(values).toEqual(Array.from({ length: written }, (_, i) => 100_001 + i))
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i].at)
    expect(Math.max(...gaps), 'longest pause between edits arriving (ms)').toBeLessThan(1000)

    const health = await fetch(`${server.url}/health`)
    expect(health.status).toBe(200)

    const stored = await materializeStoredPlan(server.store.log, planId)
    expect(planProblems(stored, PERIODS)).toEqual([])
    // Only the server writes the statistical forecast, and no server run happened here.
    expect(stored.getMap('forecast').size).toBe(0)
    const fresh = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    expect(fresh.applyErrors).toEqual([])
    expect(visibleState(fresh.doc)).toBe(visibleState(stored))
    expect(planProblems(fresh.doc, PERIODS)).toEqual([])
    fresh.close()
    editor.close()

    // The server runs in this process, so these figures are its own. monitorEventLoopDelay also
    // counts time spent waiting for a core on a busy machine; that part is not the server's.
    expect(stalls.longestOwnStallMs, 'longest stall this process caused (ms)').toBeLessThan(100)
    const waitedForCpu = stalls.longestGapMs - stalls.longestOwnStallMs > 50
    if (!waitedForCpu) expect(maxDelayMs, 'monitorEventLoopDelay max (ms)').toBeLessThan(100)
  })
})
