import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { planSnapshot } from '@tandem/server'
import { createPlanDoc, demoPlan, periodStart } from '@tandem/shared'
import type { TestServer } from '../support/test-server.js'
import { tempSqliteStore, startTestServer } from '../support/test-server.js'
import { markdownTable } from './markdown-table.js'

/** One request of `GET /api/plans/:id/accuracy` and the server's event loop meanwhile. */
interface AccuracyFigure {
  what: string
  ms: number
  maxDelayMs: number
  p99DelayMs: number
  bytes: number
}

/**
 * The accuracy scenario: a real server (in this process) with a plan of `skuCount` SKUs × 52
 * weeks and three years of actuals, and `versions` published versions of the whole plan (one a
 * week, sales submissions and consensus alternating, each with its statistical forecast),
 * stored as from before accuracy extracts. Each server starts its accuracy worker with it, as in
 * production (it loads while the plan does). It times the route cold (the worker decodes every
 * version and their extracts are saved, the live actuals are read), then cold again on a fresh
 * server on the same store (the versions' extracts read, as for versions published since), at
 * another lag (versions already placed), for a family and cached, watching the event loop.
 */
export async function accuracyRun(skuCount = 10_000, versions = 12): Promise<AccuracyFigure[]> {
  const { store, cleanup } = await tempSqliteStore()
  // Each server starts its accuracy worker with it, as main.ts has it.
  const server = await startTestServer(store, { accuracyWorkerAtStart: true })
  let fresh: TestServer | undefined
  try {
    const input = demoPlan({ skuCount, periodCount: 52, history: true })
    const { record, snapshot } = planSnapshot('accuracy-bench', input)
    await store.log.createPlan(record, snapshot)
    const { firstPeriod } = input.meta
    for (let v = 0; v < versions; v++) {
      const published = v - versions
      const first = periodStart('week', firstPeriod, published + 1)
        .toISOString()
        .slice(0, 10)
      const doc = new Y.Doc()
      doc.clientID = 900 + v
      const plan = createPlanDoc(
        { ...input, meta: { ...input.meta, firstPeriod: first }, actuals: undefined },
        doc,
      )
      plan.doc.transact(() => {
        for (const item of input.items)
          plan.forecast.set(item.sku, { values: input.demand[item.sku]!.map((d) => d + 3) })
      })
      const createdAt = new Date(
        periodStart('week', firstPeriod, published).getTime() + 2 * 86_400_000,
      ).toISOString()
      await store.records.createVersion(
        {
          id: `v${v}`,
          planId: 'accuracy-bench',
          name: `v${v}`,
          note: '',
          author: server.users.planner.id,
          createdAt,
          kind: v % 2 === 0 ? 'salesSubmission' : 'consensus',
        },
        Y.encodeStateAsUpdate(plan.doc),
      )
      plan.doc.destroy()
    }
    const room = await server.app.rooms.open('accuracy-bench')
    if (!room) throw new Error('the bench plan did not open')
    const figures: AccuracyFigure[] = []
    const measure = async (what: string, query: string, on = server) => {
      const delay = monitorEventLoopDelay({ resolution: 10 })
      delay.enable()
      const began = performance.now()
      const response = await fetch(`${on.url}/api/plans/accuracy-bench/accuracy?${query}`, {
        headers: on.headers('viewer'),
      })
      const text = await response.text()
      const ms = performance.now() - began
      delay.disable()
      if (response.status !== 200) throw new Error(`accuracy ${response.status}: ${text}`)
      figures.push({
        what,
        ms,
        maxDelayMs: delay.max / 1e6,
        p99DelayMs: delay.percentile(99) / 1e6,
        bytes: text.length,
      })
    }
    await measure('cold, versions from before extracts: each decoded, its extract saved', 'lag=1')
    server.app.rooms.release(room)
    fresh = await startTestServer(store, { accuracyWorkerAtStart: true })
    const again = await fresh.app.rooms.open('accuracy-bench')
    if (!again) throw new Error('the bench plan did not open')
    await measure(
      'cold on a fresh server: live actuals read, versions from their extracts',
      'lag=1',
      fresh,
    )
    await measure('another lag: versions already placed', 'lag=2', fresh)
    const family = encodeURIComponent(input.items[0]!.family)
    await measure('a family at lag 2', `lag=2&family=${family}`, fresh)
    await measure('the same query again: cached', 'lag=2', fresh)
    fresh.app.rooms.release(again)
    return figures
  } finally {
    await fresh?.close()
    await server.close()
    await cleanup()
  }
}

export function accuracyTable(figures: AccuracyFigure[]): string {
  return markdownTable(
    ['request', 'time', 'event-loop delay max / p99', 'answer'],
    figures.map((f) => [
      f.what,
      `${f.ms.toFixed(0)} ms`,
      `${f.maxDelayMs.toFixed(1)} / ${f.p99DelayMs.toFixed(1)} ms`,
      `${(f.bytes / 1024).toFixed(0)} KiB`,
    ]),
  )
}
