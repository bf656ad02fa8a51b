import type { Page } from 'playwright-core'
import { clickCell, createPlan, launchBrowser, personContext, startServer } from '../e2e/harness.js'
import { ensureClientDist } from './ensure-client-dist.js'
import type { NavigateAction, NavigateReport } from './navigate-report.js'

/**
 * Arms a watcher in the page: the first input event from now on (its `timeStamp`, the moment
 * the browser took the input) to the frame after the board's view was replaced (the debug
 * handle is re-installed once the new view has committed) and then drawn (one more frame).
 * A string, not a function: tsx's name helpers do not exist in the page.
 */
const ARM = `(() => {
  const before = window.__tandem
  window.__navResult = undefined
  let input
  const types = ['pointerdown', 'keydown', 'input', 'change']
  const take = (event) => { if (input === undefined) input = event.timeStamp }
  for (const type of types) document.addEventListener(type, take, true)
  const watch = () => {
    if (window.__tandem === before || input === undefined) return requestAnimationFrame(watch)
    requestAnimationFrame(() => requestAnimationFrame((drawn) => {
      for (const type of types) document.removeEventListener(type, take, true)
      window.__navResult = drawn - input
    }))
  }
  requestAnimationFrame(watch)
})()`

/** One timed action: arm, act, wait for the painted result. */
async function timed(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(ARM)
  await act()
  // A function, not a string: the board's CSP refuses string evaluation in waitForFunction.
  await page.waitForFunction(
    () => (window as { __navResult?: number }).__navResult !== undefined,
    undefined,
    {
      timeout: 30_000,
    },
  )
  return (await page.evaluate('window.__navResult')) as number
}

async function clickHeader(page: Page, period: number): Promise<void> {
  const cell = (await page.evaluate(
    `window.__tandem.cellBounds(window.__tandem.rowKeys()[0], ${period})`,
  )) as { x: number; width: number }
  const grid = await page.locator('[data-testid="plan-grid"]').boundingBox()
  if (!grid) throw new Error('no grid')
  await page.mouse.click(cell.x + cell.width / 3, grid.y + 26 + 17)
}

function log(action: string, ms: number): number {
  console.log(`  navigate ${action}: ${ms.toFixed(1)} ms`)
  return ms
}

/**
 * Child process entry: `navigate-process.ts <skuCount> <periodCount>`. A real server (SQLite),
 * one generated plan, a planner's board in Debian's Chromium; each action is a person's input.
 */
async function main(): Promise<void> {
  const [skuCount, periodCount] = process.argv.slice(2).map(Number)
  ensureClientDist()
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const plan = await createPlan(server, { skuCount, periodCount }, `Navigate ${skuCount}`)
    const context = await personContext(browser, server, { account: 'planner' })
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`))
    // A 10,000 SKU plan on two busy cores can take longer than the e2e harness's 30 s to open.
    await page.goto(`${server.url}/plans/${encodeURIComponent(plan.id)}?debug=1`)
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('tandem:grid-painted').length > 0 &&
        window.__tandem !== undefined,
      undefined,
      { timeout: 300_000 },
    )
    await page.waitForSelector('[data-testid="connection-status"][data-status="online"]', {
      timeout: 300_000,
    })
    const actions: Record<NavigateAction, number[]> = {
      filter: [],
      sort: [],
      search: [],
      grain: [],
    }
    const first = (await page.evaluate(
      `window.__tandem.rowKeys().find((key) => key.startsWith('sku:') && key.endsWith(':demand'))`,
    )) as string
    for (let round = 0; round < 3; round++) {
      for (const state of ['on', 'off']) {
        const ms = await timed(page, () => page.click('[data-testid="gaps-only"]'))
        actions.filter.push(log(`filter gaps only ${state}`, ms))
      }
      for (const state of ['on', 'off']) {
        const ms = await timed(page, () => page.click('[data-testid="gap-count-shortage"]'))
        actions.filter.push(log(`filter shortage badge ${state}`, ms))
      }
    }
    await clickCell(page, first, 0)
    for (const period of [2, 5]) {
      for (const step of ['ascending', 'descending', 'plan order']) {
        const ms = await timed(page, () => clickHeader(page, period))
        actions.sort.push(log(`sort period ${period} ${step}`, ms))
      }
    }
    await page.click('[data-testid="search-input"]')
    // Every prefix of these matches something, so every keystroke changes what is highlighted.
    const lastSku = `sku-${String(skuCount).padStart(5, '0')}`
    for (const query of [lastSku, 'cereal green']) {
      for (const char of query) {
        const ms = await timed(page, () => page.keyboard.type(char))
        actions.search.push(log(`search "${char}"`, ms))
      }
      await page.fill('[data-testid="search-input"]', '')
    }
    for (let round = 0; round < 2; round++) {
      for (const grain of ['month', 'quarter', 'week']) {
        const ms = await timed(page, async () => {
          await page.selectOption('[data-testid="grain-select"]', grain)
        })
        actions.grain.push(log(`grain ${grain}`, ms))
      }
    }

    // Edits with a filter and a sort on: raising demand on a SKU with gaps keeps its gaps (and
    // its row), so the edit repaints its rows without a new layout.
    await page.click('[data-testid="gaps-only"]')
    await clickHeader(page, 2)
    await page.waitForSelector('[data-testid="sort-chip"]')
    await clickHeader(page, 2)
    const skus = (await page.evaluate(
      `window.__tandem.rowKeys().filter((key) => key.startsWith('sku:') && key.endsWith(':demand')).slice(0, 3)`,
    )) as string[]
    const editRepaint: number[] = []
    for (let i = 0; i < 20; i++) {
      const row = skus[i % skus.length]
      const sku = row.split(':')[1]
      const period = 5 + (i % 6)
      const value =
        ((await page.evaluate(
          `window.__tandem.readCell('demand', ${JSON.stringify(sku)}, ${period})`,
        )) as number) + 1
      await clickCell(page, row, period)
      const before = (await page.evaluate(
        `performance.getEntriesByName('tandem:repaint', 'mark').length`,
      )) as number
      await page.keyboard.type(String(value))
      await page.keyboard.press('Enter')
      const repainted = await page
        .waitForFunction(
          (count) => performance.getEntriesByName('tandem:repaint', 'mark').length > count,
          before,
          { timeout: 10_000 },
        )
        .then(
          () => true,
          () => false,
        )
      if (!repainted) {
        console.log(`  navigate edit ${sku} p${period}: no repaint mark within 10 s (not counted)`)
        continue
      }
      const ms = (await page.evaluate(`(() => {
        const edit = performance.getEntriesByName('tandem:edit', 'mark').at(-1)
        const repaint = performance.getEntriesByName('tandem:repaint', 'mark').at(-1)
        return repaint.startTime - edit.startTime
      })()`)) as number
      editRepaint.push(log(`edit ${sku} p${period} → repaint`, ms))
    }
    const report: NavigateReport = { type: 'navigate', skuCount, periodCount, actions, editRepaint }
    process.send?.(report)
  } finally {
    await browser.close()
    await server.close()
  }
  if (process.connected) process.disconnect()
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
