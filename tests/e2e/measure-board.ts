/**
 * Measures the board at scale: a 10,000 SKU × 104 week plan, opened in Chromium.
 *
 *   node --conditions=source --import tsx tests/e2e/measure-board.ts [skuCount] [periodCount] [edits]
 *
 * Prints the time from navigation to the grid's first paint with data (the client's
 * `tandem:grid-painted` mark), and the median and p95 time from an edit in one browser context
 * (`tandem:edit`, when the local transaction commits) to the repaint of that cell's rows in
 * another (`tandem:repaint`, the frame after the grid was damaged). Both pages run in one browser
 * process, so `performance.timeOrigin + mark.startTime` is one clock for both.
 */
import type { Page } from 'playwright-core'
import { formatSteps, lastMark, median, openTimed } from '../bench/board-paint.js'
import { percentile } from '../bench/percentile.js'
import {
  clickCell,
  createPlan,
  ensureClientBuilt,
  launchBrowser,
  personContext,
  startServer,
} from './harness.js'

const skuCount = Number(process.argv[2] ?? 10_000)
const periodCount = Number(process.argv[3] ?? 104)
const editCount = Number(process.argv[4] ?? 30)

/** Shared with the bench's paint scenario (tests/bench/board-paint.ts). */
async function openLogged(page: Page, url: string): Promise<{ painted: number; heapMb: number }> {
  const timing = await openTimed(page, url)
  console.log(`  steps (ms after navigation): ${formatSteps(timing.steps)}`)
  return timing
}

ensureClientBuilt()
const server = await startServer()
const browser = await launchBrowser()
try {
  let started = performance.now()
  const plan = await createPlan(
    server,
    { skuCount, periodCount },
    `Scale ${skuCount}×${periodCount}`,
  )
  console.log(
    `plan ${skuCount} SKUs × ${periodCount} weeks created in ${Math.round(performance.now() - started)} ms`,
  )

  const sales = await (await personContext(browser, server, { account: 'sales' })).newPage()
  const production = await (
    await personContext(browser, server, { account: 'production' })
  ).newPage()
  const board = `${server.url}/plans/${plan.id}?debug=1`

  started = performance.now()
  const cold = await openLogged(sales, board)
  console.log(
    `URL → painted grid (cold, empty IndexedDB): ${Math.round(cold.painted)} ms (wall ${Math.round(performance.now() - started)} ms, JS heap ${Math.round(cold.heapMb)} MB)`,
  )
  const second = await openLogged(production, board)
  console.log(`URL → painted grid (second context): ${Math.round(second.painted)} ms`)
  const warm = await openLogged(sales, board)
  console.log(
    `URL → painted grid (reload, local copy in IndexedDB): ${Math.round(warm.painted)} ms`,
  )

  const visibleSkus = await sales.evaluate(() =>
    window
      .__tandem!.rowKeys()
      .slice(0, 12)
      .filter((key) => key.startsWith('sku:') && key.endsWith(':demand'))
      .map((key) => key.split(':')[1]),
  )
  const latencies: number[] = []
  for (let i = 0; i < editCount; i++) {
    const sku = visibleSkus[i % visibleSkus.length]
    const period = 1 + (i % 6)
    const value = 1000 + i
    await clickCell(sales, `sku:${sku}:demand`, period)
    const repaintsBefore = await production.evaluate(
      () => performance.getEntriesByName('tandem:repaint', 'mark').length,
    )
    await sales.keyboard.type(String(value))
    await sales.keyboard.press('Enter')
    await production
      .waitForFunction(([s, p, v]) => window.__tandem?.readCell('demand', s, p) === v, [
        sku,
        period,
        value,
      ] as const)
      .catch(async (error: unknown) => {
        const local = await sales.evaluate(([s, p]) => window.__tandem?.readCell('demand', s, p), [
          sku,
          period,
        ] as const)
        const notices = await sales.locator('[data-testid="notices"]').textContent()
        throw new Error(
          `edit ${i} (${sku}, ${period}) not seen remotely; sales has ${local}; ${notices}`,
          { cause: error },
        )
      })
    await production.waitForFunction(
      (before) => performance.getEntriesByName('tandem:repaint', 'mark').length > before,
      repaintsBefore,
    )
    const edited = await lastMark(sales, 'tandem:edit')
    const repainted = await lastMark(production, 'tandem:repaint')
    if (edited !== undefined && repainted !== undefined) latencies.push(repainted - edited)
  }
  await production.mouse.move(900, 400)
  // A string, not a function: tsx's name helpers do not exist in the page.
  await production.evaluate(`(() => {
    const frames = []
    let last = performance.now()
    const tick = (now) => {
      frames.push(now - last)
      last = now
      if (frames.length < 100000) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    window.__frames = frames
  })()`)
  for (let i = 0; i < 60; i++) {
    await production.mouse.wheel(i % 10 === 9 ? 600 : 0, 900)
    await production.waitForTimeout(16)
  }
  const frames = await production.evaluate(() =>
    (window as unknown as { __frames: number[] }).__frames.slice(2),
  )
  const rows = await production.evaluate(() => window.__tandem!.visibleRegion().y)
  console.log(
    `scrolling (60 wheel steps, to row ${rows}): ${frames.length} frames, median ${median(frames).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, longest ${Math.max(...frames).toFixed(1)} ms`,
  )
  console.log(
    `edit → remote repaint over ${latencies.length} edits: median ${median(latencies).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
  )
} finally {
  await browser.close()
  await server.close()
}
