import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { timeBuckets } from '@tandem/shared'
import { connectStockClient } from '../support/stock-client.js'
import type { E2EServer } from './harness.js'
import {
  cellText,
  clickCell,
  createPlan,
  openBoard,
  personContext,
  readCell,
  SCREENSHOTS,
  typeInto,
  useE2ESuite,
  waitForGrid,
} from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

const PERIODS = 26
/** The demo plan starts on Monday 2026-11-30. */
const FIRST_PERIOD = '2026-11-30'

async function person(account: 'planner' | 'sales' | 'production'): Promise<BrowserContext> {
  return track(await personContext(browser, server, { account }))
}

const currentRow = (page: Page) => page.evaluate(() => window.__tandem!.currentCell()?.row)

/** The SKUs of the first family, in the order the board shows them. */
function firstFamilySkus(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const keys = window.__tandem!.rowKeys()
    const family = keys.find((key) => key.startsWith('family:'))!.split(':')[1]
    const next = keys.findIndex(
      (key, i) => i > keys.indexOf(`family:${family}:demand`) + 3 && key.startsWith('family:'),
    )
    return keys
      .slice(0, next === -1 ? undefined : next)
      .filter((key) => key.startsWith('sku:') && key.endsWith(':demand'))
      .map((key) => key.split(':')[1])
  })
}

/** Clicks a period's column header (the second header row, under the month group). */
async function clickHeader(page: Page, period: number): Promise<void> {
  const cell = await page.evaluate(
    (p) => window.__tandem!.cellBounds(window.__tandem!.rowKeys()[0], p),
    period,
  )
  const grid = await page.locator('[data-testid="plan-grid"]').boundingBox()
  if (!cell || !grid) throw new Error('no grid')
  await page.mouse.click(cell.x + cell.width / 3, grid.y + 26 + 17)
}

describe('finding your way in a big plan', () => {
  it('finds a SKU as you type and jumps between the matches', async () => {
    const plan = await createPlan(server, { skuCount: 300, periodCount: PERIODS })
    const page = await openBoard(await person('sales'), server.url, plan.id)
    const target = await page.evaluate(
      () =>
        window
          .__tandem!.rowKeys()
          .filter((key) => key.startsWith('sku:'))
          .at(-1)!
          .split(':')[1],
    )
    // Ctrl+F from anywhere, then the SKU id as you type
    await page.keyboard.press('Control+f')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('search-input')
    await page.keyboard.type(target.toLowerCase())
    await expect.poll(() => page.textContent('[data-testid="search-count"]')).toBe('1 of 1')
    await expect.poll(() => currentRow(page)).toBe(`sku:${target}:demand`)
    // the selection moves at once, the grid reports its scrolled region a frame or more later
    await expect
      .poll(() =>
        page.evaluate((row) => {
          const region = window.__tandem!.visibleRegion()
          const index = window.__tandem!.rowKeys().indexOf(row)
          return index >= region.y && index < region.y + region.height
        }, `sku:${target}:demand`),
      )
      .toBe(true)

    // `/` on the grid comes back to the search box; a name word finds several, Enter steps on
    await clickCell(page, 'sku:SKU-00001:demand', 0)
    await page.keyboard.press('/')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('search-input')
    const word = await page.evaluate(
      () => window.__tandem!.cellText('sku:SKU-00001:demand', -3)!.split(' ')[0],
    )
    await page.keyboard.type(word)
    const count = await page.evaluate((w) => {
      const keys = window
        .__tandem!.rowKeys()
        .filter((key) => key.startsWith('sku:') && key.endsWith(':demand'))
      return keys.filter((key) =>
        window.__tandem!.cellText(key, -3)!.toLowerCase().includes(w.toLowerCase()),
      ).length
    }, word)
    expect(count).toBeGreaterThan(1)
    await expect.poll(() => page.textContent('[data-testid="search-count"]')).toBe(`1 of ${count}`)
    const first = await currentRow(page)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.textContent('[data-testid="search-count"]')).toBe(`2 of ${count}`)
    // The count is drawn with the state; the grid moves its selection on the next frame.
    await expect.poll(() => currentRow(page)).not.toBe(first)
    await page.keyboard.press('Shift+Enter')
    await expect.poll(() => currentRow(page)).toBe(first)
    await page.screenshot({ path: join(SCREENSHOTS, 'search.png') })
  })

  it('stays where I moved after a search, when the board is laid out again', async () => {
    const plan = await createPlan(server, { skuCount: 60, periodCount: PERIODS })
    const page = await openBoard(await person('planner'), server.url, plan.id)
    await page.keyboard.press('Control+f')
    await page.keyboard.type('SKU-00060')
    await expect.poll(() => currentRow(page)).toBe('sku:SKU-00060:demand')
    await clickCell(page, 'sku:SKU-00002:supply', 2)
    await expect.poll(() => currentRow(page)).toBe('sku:SKU-00002:supply')
    // a new grain lays the columns out again; the search's jump is done and stays done
    await page.selectOption('[data-testid="grain-select"]', 'month')
    await expect.poll(() => page.evaluate(() => window.__tandem!.periodOfColumn(6))).toBe(5)
    expect(await currentRow(page)).toBe('sku:SKU-00002:supply')
    expect(await page.textContent('[data-testid="search-count"]')).toBe('1 of 1')
  })

  it('keeps my column widths and fixed columns across a reload, and not for another person', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: PERIODS })
    const page = await openBoard(await person('planner'), server.url, plan.id)
    const row = await page.evaluate(() => window.__tandem!.rowKeys()[0])
    const bounds = (p: Page) =>
      p.evaluate((key) => window.__tandem!.cellBounds(key, 1), row).then((b) => b!)
    const before = await bounds(page)
    const grid = (await page.locator('[data-testid="plan-grid"]').boundingBox())!
    // drag the right edge of period 1's header 80 px to the right, as a person would
    const edge = { x: before.x + before.width - 2, y: grid.y + 26 + 17 }
    await page.mouse.move(edge.x, edge.y)
    await page.mouse.down()
    await page.mouse.move(edge.x + 40, edge.y, { steps: 4 })
    await page.mouse.move(edge.x + 80, edge.y, { steps: 4 })
    await page.mouse.up()
    await expect.poll(async () => (await bounds(page)).width).toBeGreaterThan(before.width + 60)
    const wider = (await bounds(page)).width
    await page.selectOption('[data-testid="frozen-columns"]', '7')

    await page.reload()
    await waitForGrid(page)
    expect((await bounds(page)).width).toBe(wider)
    expect(await page.inputValue('[data-testid="frozen-columns"]')).toBe('7')
    // period 1 is frozen now: it stays in place while the grid scrolls sideways
    const frozenX = (await bounds(page)).x
    await page.evaluate((key) => window.__tandem!.scrollToCell(key, 20), row)
    await expect
      .poll(() => page.evaluate(() => window.__tandem!.visibleRegion().x), { timeout: 10_000 })
      .toBeGreaterThan(7)
    expect((await bounds(page)).x).toBe(frozenX)

    const other = await openBoard(await person('sales'), server.url, plan.id)
    expect((await bounds(other)).width).toBe(before.width)
    expect(await other.inputValue('[data-testid="frozen-columns"]')).toBe('5')
  })

  it("sorts a family's SKUs by a period's value, reverses, and restores plan order", async () => {
    const plan = await createPlan(server, { skuCount: 60, periodCount: PERIODS })
    const page = await openBoard(await person('planner'), server.url, plan.id)
    const planOrder = await firstFamilySkus(page)
    const period = 3
    const demandOf = (skus: string[]) =>
      Promise.all(skus.map((sku) => readCell(page, 'demand', sku, period)))
    // the selected row's measure is what a period header sorts by
    await clickCell(page, `sku:${planOrder[0]}:demand`, 0)
    await clickHeader(page, period)
    await expect.poll(() => page.textContent('[data-testid="sort-chip"]')).toContain('ascending')
    const ascending = await firstFamilySkus(page)
    expect(new Set(ascending)).toEqual(new Set(planOrder))
    const up = await demandOf(ascending)
    expect(up).toEqual([...up].sort((a, b) => a - b))
    expect(ascending).not.toEqual(planOrder)

    await clickHeader(page, period)
    await expect.poll(() => page.textContent('[data-testid="sort-chip"]')).toContain('descending')
    const down = await demandOf(await firstFamilySkus(page))
    expect(down).toEqual([...up].sort((a, b) => b - a))

    await clickHeader(page, period)
    await page.waitForSelector('[data-testid="sort-chip"]', { state: 'detached' })
    expect(await firstFamilySkus(page)).toEqual(planOrder)
  })

  it('shows quarters, and spreads a quarter total typed on a SKU over its open weeks', async () => {
    const plan = await createPlan(server, { skuCount: 20, periodCount: PERIODS })
    const planner = connectStockClient(server.syncUrl, plan.id, { token: server.tokens.planner })
    await planner.synced()
    planner.doc.transact(() => planner.plan.meta.set('frozenThrough', 6))
    const page = await openBoard(await person('sales'), server.url, plan.id)
    await page.waitForFunction(() => document.body.innerText.includes('Frozen through'))
    const quarters = timeBuckets('week', FIRST_PERIOD, PERIODS, 'quarter')
    const q1 = quarters.find((bucket) => bucket.key === '2027-Q1')!
    // Q1 2027 runs from the week of 4 January (period 5): weeks 5 and 6 are frozen
    expect(q1.first).toBe(5)
    const sku = 'SKU-00002'
    const before = await Promise.all(
      Array.from({ length: PERIODS }, (_, p) => readCell(page, 'demand', sku, p)),
    )
    await page.selectOption('[data-testid="grain-select"]', 'quarter')
    await expect
      .poll(() => cellText(page, `sku:${sku}:demand`, q1.first))
      .toBe(
        before
          .slice(q1.first, q1.last + 1)
          .reduce((a, b) => a + b, 0)
          .toLocaleString('en-US'),
      )
    const total = 9001
    await typeInto(page, `sku:${sku}:demand`, q1.first, String(total))
    await expect.poll(() => cellText(page, `sku:${sku}:demand`, q1.first)).toBe('9,001')
    const after = await Promise.all(
      Array.from({ length: PERIODS }, (_, p) => readCell(page, 'demand', sku, p)),
    )
    expect(after.slice(q1.first, q1.last + 1).reduce((a, b) => a + b, 0)).toBe(total)
    // frozen weeks and the weeks of other quarters keep their values; every value is whole
    expect(after.slice(0, 7)).toEqual(before.slice(0, 7))
    expect(after.slice(q1.last + 1)).toEqual(before.slice(q1.last + 1))
    expect(after.every(Number.isInteger)).toBe(true)
    // the spread was saved: the server has it too
    const check = connectStockClient(server.syncUrl, plan.id, { token: server.tokens.planner })
    await check.synced()
    await expect
      .poll(() =>
        check.plan
          .readRow('demand', sku)
          .slice(q1.first, q1.last + 1)
          .reduce((a, b) => a + b, 0),
      )
      .toBe(total)
    // the grain is part of my view: a reload keeps quarters
    await page.reload()
    await page.waitForFunction(() => window.__tandem !== undefined)
    expect(await page.inputValue('[data-testid="grain-select"]')).toBe('quarter')
    await page.screenshot({ path: join(SCREENSHOTS, 'quarters.png') })
    planner.destroy()
    check.destroy()
  })

  it('opens a copied link to a thread in another browser, with the thread open on its cell', async () => {
    const plan = await createPlan(server, { skuCount: 40, periodCount: PERIODS })
    const sales = await openBoard(await person('sales'), server.url, plan.id)
    const row = 'sku:SKU-00017:demand'
    const period = 9
    await clickCell(sales, row, period)
    await sales.keyboard.press('Control+Alt+m')
    await sales.click('[data-testid="new-thread"] [data-testid="comment-editor"]')
    await sales.keyboard.type('Is this week right?')
    await sales.click('[data-testid="message-submit"]')
    const thread = sales.locator('[data-testid="thread-view"]')
    await thread.waitFor()
    const threadId = await thread.getAttribute('data-thread')
    await thread.locator('[data-testid="copy-link"]').click()
    await expect
      .poll(() => thread.locator('[data-testid="copy-link"]').getAttribute('data-state'))
      .toBe('copied')
    const url = await sales.evaluate(() => navigator.clipboard.readText())
    expect(url).toContain(`thread=${threadId}`)

    const other = await (await person('production')).newPage()
    await other.goto(`${url}&debug=1`)
    const opened = other.locator(`[data-testid="thread-view"][data-thread="${threadId}"]`)
    await opened.waitFor()
    expect(await opened.textContent()).toContain('Is this week right?')
    await expect.poll(() => currentRow(other)).toBe(row)
    const col = await other.evaluate(() => window.__tandem!.currentCell()!.col)
    expect(await other.evaluate((c) => window.__tandem!.periodOfColumn(c), col)).toBe(period)
    expect(new URL(other.url()).searchParams.has('thread')).toBe(false)

    // a cell's link, from the context menu, selects the cell
    await clickCell(sales, 'sku:SKU-00003:supply', 4)
    const bounds = await sales.evaluate(([r, p]) => window.__tandem!.cellBounds(r, p), [
      'sku:SKU-00003:supply',
      4,
    ] as const)
    await sales.mouse.click(bounds!.x + bounds!.width / 2, bounds!.y + bounds!.height / 2, {
      button: 'right',
    })
    await sales.click('[data-testid="menu-copy-link"]')
    await expect.poll(() => sales.textContent('[data-testid="notice"]')).toContain('Link copied')
    const cellUrl = await sales.evaluate(() => navigator.clipboard.readText())
    await other.goto(`${cellUrl}&debug=1`)
    await expect.poll(() => currentRow(other)).toBe('sku:SKU-00003:supply')
  })
})
