import { performance } from 'node:perf_hooks'
import type { Browser } from 'playwright-core'
import type { E2EServer } from '../e2e/harness.js'
import { createPlan, launchBrowser, personContext, startServer } from '../e2e/harness.js'
import { ensureClientDist } from './ensure-client-dist.js'
import type { PaintTiming } from './board-paint.js'
import { formatSteps, median, openTimed } from './board-paint.js'
import type { PaintReport } from './paint-report.js'

async function waitForNoRooms(server: E2EServer): Promise<void> {
  const deadline = Date.now() + 15_000
  while (server.app.rooms.size > 0) {
    if (Date.now() > deadline) throw new Error(`${server.app.rooms.size} rooms still open`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A fresh signed-in context (empty IndexedDB), one page load, context closed. */
async function sample(
  browser: Browser,
  server: E2EServer,
  url: string,
  label: string,
): Promise<PaintTiming> {
  const context = await personContext(browser, server, { account: 'sales' })
  try {
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`))
    const timing = await openTimed(page, url)
    console.log(
      `  paint ${label}: ${Math.round(timing.painted)} ms (${formatSteps(timing.steps)}; JS heap ${Math.round(timing.heapMb)} MB)`,
    )
    return timing
  } finally {
    await context.close()
  }
}

/**
 * Child process entry: `paint-process.ts <skuCount> <periodCount> <samples>`.
 * A real Tandem server (SQLite, the e2e harness), one generated plan, Debian's Chromium.
 * Cold: no room on the server (it loads the plan from the store). Warm: another person has the
 * plan open, so the room is live. Both from a fresh browser context, with nothing in IndexedDB.
 */
async function main(): Promise<void> {
  const [skuArg, periodArg, samplesArg] = process.argv.slice(2)
  const skuCount = Number(skuArg)
  const periodCount = Number(periodArg)
  const samples = Number(samplesArg)
  ensureClientDist()
  const server = await startServer()
  let browser: Browser | undefined
  try {
    browser = await launchBrowser()
    const started = performance.now()
    const plan = await createPlan(
      server,
      { skuCount, periodCount },
      `Bench ${skuCount}×${periodCount}`,
    )
    const createMs = performance.now() - started
    const url = `${server.url}/plans/${plan.id}?debug=1`
    // One untimed load first: Chromium's first page of a process pays for its own start-up.
    await waitForNoRooms(server)
    await sample(browser, server, url, 'warm-up (not counted)')

    const cold: PaintTiming[] = []
    for (let i = 0; i < samples; i++) {
      await waitForNoRooms(server)
      cold.push(await sample(browser, server, url, `cold room ${i + 1}/${samples}`))
    }
    const holder = await personContext(browser, server, { account: 'production' })
    const warm: PaintTiming[] = []
    try {
      await openTimed(await holder.newPage(), url)
      for (let i = 0; i < samples; i++)
        warm.push(await sample(browser, server, url, `warm room ${i + 1}/${samples}`))
    } finally {
      await holder.close()
    }
    const middle = (timings: PaintTiming[]) =>
      [...timings].sort((a, b) => a.painted - b.painted)[timings.length >> 1]
    const report: PaintReport = {
      type: 'paint',
      skuCount,
      periodCount,
      createMs,
      cold: cold.map((t) => t.painted),
      warm: warm.map((t) => t.painted),
      coldSteps: middle(cold).steps,
      warmSteps: middle(warm).steps,
      pageHeapMb: median(cold.map((t) => t.heapMb)),
    }
    process.send?.(report)
  } finally {
    await browser?.close()
    await server.close()
  }
  if (process.connected) process.disconnect()
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
