import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { connectStockClient } from '../support/stock-client.js'
import { TEST_PASSWORD } from '../support/test-server.js'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
  cellColour,
  cellText,
  clickCell,
  createPlan,
  localUpdateCount,
  nameOf,
  openBoard,
  personContext,
  readCell,
  SCREENSHOTS,
  typeInto,
  useE2ESuite,
  waitForGrid,
  waitUntil,
} from './harness.js'

const SALES = { account: 'sales', name: nameOf('sales') } as const
const PRODUCTION = { account: 'production', name: nameOf('production') } as const
const SHORTAGE_BG = [0xf9, 0xc9, 0xc9]

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

async function person(who: Parameters<typeof personContext>[2]): Promise<BrowserContext> {
  const context = await personContext(browser, server, who)
  track(context)
  return context
}

async function twoPeople(): Promise<{ planId: string; sales: Page; production: Page }> {
  const plan = await createPlan(server, { skuCount: 20, periodCount: 12 })
  const sales = await openBoard(await person(SALES), server.url, plan.id)
  const production = await openBoard(await person(PRODUCTION), server.url, plan.id)
  return { planId: plan.id, sales, production }
}

describe('the board, with a sales and a production user in one plan', () => {
  it('shows demand typed by sales to production, with the new projection and gap colour', async () => {
    const { sales, production } = await twoPeople()
    const period = 5
    const projectedBefore = await cellText(production, 'sku:SKU-00001:projected', period)
    const shortagesBefore = Number(
      await production.getAttribute('[data-testid="gap-count-shortage"]', 'data-count'),
    )
    expect(await cellText(production, 'sku:SKU-00001:gap', period)).toBe('')

    await typeInto(sales, 'sku:SKU-00001:demand', period, '5000')

    await waitUntil(
      production,
      () => window.__tandem?.cellText('sku:SKU-00001:demand', 5) === '5,000',
    )
    expect(await readCell(production, 'demand', 'SKU-00001', period)).toBe(5000)
    const projectedAfter = await cellText(production, 'sku:SKU-00001:projected', period)
    expect(projectedAfter).not.toBe(projectedBefore)
    expect(projectedAfter?.startsWith('-')).toBe(true)
    expect(await cellText(production, 'sku:SKU-00001:gap', period)).toBe(projectedAfter)
    await production.waitForFunction(
      (before) =>
        Number(
          document.querySelector('[data-testid="gap-count-shortage"]')?.getAttribute('data-count'),
        ) > before,
      shortagesBefore,
    )
    expect(await cellColour(production, 'sku:SKU-00001:projected', period)).toEqual(SHORTAGE_BG)
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('All changes saved')
  })

  it('pastes a 3 × 4 block from the clipboard as 12 cells that the other user sees', async () => {
    const { sales, production } = await twoPeople()
    for (const measure of ['supply', 'projected', 'gap'])
      await sales.click(`[data-testid="rows-${measure}"]`)
    await waitUntil(sales, () => window.__tandem?.rowKeys()[2] === 'sku:SKU-00002:demand')
    const tsv = ['11\t12\t13\t14', '21\t22\t23\t24', '31\t32\t33\t34'].join('\n')
    await clickCell(sales, 'sku:SKU-00002:demand', 2)
    await sales.evaluate((text) => navigator.clipboard.writeText(text), tsv)
    await sales.keyboard.press('Control+V')

    await waitUntil(production, () => window.__tandem?.readCell('demand', 'SKU-00004', 5) === 34)
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 4; c++) {
        const sku = `SKU-0000${r + 2}`
        const expected = (r + 1) * 10 + c + 1
        expect(await readCell(sales, 'demand', sku, 2 + c)).toBe(expected)
        expect(await readCell(production, 'demand', sku, 2 + c)).toBe(expected)
        expect(await cellText(production, `sku:${sku}:demand`, 2 + c)).toBe(String(expected))
      }
    }
    await expect
      .poll(() => sales.textContent('[data-testid="notice"]'))
      .toContain('Pasted: 12 cells changed.')
  })

  it("shows each person the other's avatar and outlined cell", async () => {
    const { sales, production } = await twoPeople()
    await clickCell(sales, 'sku:SKU-00002:demand', 3)
    await clickCell(production, 'sku:SKU-00003:supply', 6)

    for (const [page, other, row, period] of [
      [sales, PRODUCTION.name, 'sku:SKU-00003:supply', 6],
      [production, SALES.name, 'sku:SKU-00002:demand', 3],
    ] as const) {
      await page.waitForSelector(`[data-testid="avatar"][data-name="${other}"]`)
      const outline = page.locator(`[data-testid="remote-cursor"][data-name="${other}"]`)
      await outline.waitFor()
      expect(await outline.getAttribute('data-row')).toBe(row)
      expect(await outline.textContent()).toContain(other)
      const box = await outline.boundingBox()
      const cell = await page.evaluate(([r, p]) => window.__tandem!.cellBounds(r, p), [
        row,
        period,
      ] as const)
      expect(Math.abs(box!.x - cell!.x)).toBeLessThan(2)
      expect(Math.abs(box!.y - cell!.y)).toBeLessThan(2)
    }
    await production.keyboard.type('4')
    await sales.waitForSelector(
      `[data-testid="remote-cursor"][data-name="${PRODUCTION.name}"] [data-testid="typing-marker"]`,
    )
    await sales.screenshot({ path: join(SCREENSHOTS, 'board.png') })
    await production.keyboard.press('Escape')
  })

  it("follow mode scrolls the follower to the presenter's cell", async () => {
    const { sales, production } = await twoPeople()
    await production.click(`[data-testid="follow-${SALES.name}"]`)
    await production.waitForSelector('[data-testid="following-banner"]')

    await clickCell(sales, 'sku:SKU-00001:demand', 1)
    for (let i = 0; i < 3; i++) await sales.keyboard.press('PageDown')
    for (let i = 0; i < 8; i++) await sales.keyboard.press('ArrowRight')
    const presenterView = () =>
      sales.evaluate(() => {
        const handle = window.__tandem!
        const keys = handle.rowKeys()
        const region = handle.visibleRegion()
        return { top: keys.indexOf(region.topRow!), x: region.x }
      })
    expect((await presenterView()).top).toBeGreaterThan(20)

    const outline = production.locator(`[data-testid="remote-cursor"][data-name="${SALES.name}"]`)
    await outline.waitFor()
    const cursorRow = await outline.getAttribute('data-row')
    const followerView = () =>
      production.evaluate((row) => {
        const handle = window.__tandem!
        const keys = handle.rowKeys()
        const region = handle.visibleRegion()
        return { top: keys.indexOf(region.topRow!), x: region.x, cursor: keys.indexOf(row!) }
      }, cursorRow)
    // Either grid may still be scrolling when the cursor is drawn: compare settled views.
    await expect
      .poll(async () => {
        const [view, presented] = [await followerView(), await presenterView()]
        return Math.abs(view.top - presented.top) <= 3 && Math.abs(view.x - presented.x) <= 2
      })
      .toBe(true)
    const [follower, presenter] = [await followerView(), await presenterView()]
    expect(Math.abs(follower.top - presenter.top)).toBeLessThanOrEqual(3)
    expect(follower.cursor).toBeGreaterThanOrEqual(follower.top)
    expect(Math.abs(follower.x - presenter.x)).toBeLessThanOrEqual(2)

    await production.mouse.move(700, 500)
    await production.mouse.wheel(0, 400)
    await production.waitForSelector('[data-testid="following-banner"]', { state: 'detached' })
  })

  it('keeps offline edits through reloads and closing the page, and syncs them when back online', async () => {
    const { planId, sales, production } = await twoPeople()
    const context = sales.context()
    await context.setOffline(true)
    await sales.waitForSelector('[data-testid="connection-status"][data-status="offline"]')
    await typeInto(sales, 'sku:SKU-00002:demand', 4, '777')
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('1 change kept on this device')
    await production.waitForTimeout(500)
    expect(await readCell(production, 'demand', 'SKU-00002', 4)).not.toBe(777)

    await context.setOffline(false)
    await sales.waitForSelector('[data-testid="connection-status"][data-status="online"]')
    await waitUntil(production, () => window.__tandem?.readCell('demand', 'SKU-00002', 4) === 777)
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('All changes saved')
    await sales.reload()
    await waitForGrid(sales)
    expect(await readCell(sales, 'demand', 'SKU-00002', 4)).toBe(777)
    expect(await cellText(sales, 'sku:SKU-00002:demand', 4)).toBe('777')

    await sales.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await context.setOffline(true)
    await sales.reload()
    await sales.waitForFunction(
      () => performance.getEntriesByName('tandem:grid-painted').length > 0 && !!window.__tandem,
    )
    await sales.waitForSelector('[data-testid="connection-status"][data-status="offline"]')
    expect(await readCell(sales, 'demand', 'SKU-00002', 4)).toBe(777)
    // Reloaded at once: even if the browser aborts the IndexedDB write, the unsaved-edit ledger
    // brings the edit back.
    await typeInto(sales, 'sku:SKU-00004:demand', 3, '555')
    await sales.reload()
    await sales.waitForFunction(() => window.__tandem?.readCell('demand', 'SKU-00004', 3) === 555)
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('1 change kept on this device')
    await context.setOffline(false)
    await waitUntil(production, () => window.__tandem?.readCell('demand', 'SKU-00004', 3) === 555)

    await context.setOffline(true)
    await sales.waitForSelector('[data-testid="connection-status"][data-status="offline"]')
    const stored = await localUpdateCount(sales, planId)
    await typeInto(sales, 'sku:SKU-00003:demand', 5, '4321')
    await expect.poll(() => localUpdateCount(sales, planId)).toBeGreaterThan(stored)
    await sales.close()
    await context.setOffline(false)
    const again = await openBoard(context, server.url, planId)
    expect(await readCell(again, 'demand', 'SKU-00003', 5)).toBe(4321)
    await waitUntil(production, () => window.__tandem?.readCell('demand', 'SKU-00003', 5) === 4321)
  })

  it('opens a plan first seen while the server is slow to answer, once it answers', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 8 })
    const context = await person(SALES)
    // the first ask for the plan answers only after the board's 3 s limit, as a busy server would
    let slow = true
    await context.route(`**/api/plans/${plan.id}`, async (route) => {
      if (slow) {
        slow = false
        await new Promise((resolve) => setTimeout(resolve, 4_000))
      }
      await route.continue().catch(() => undefined)
    })
    const page = await openBoard(context, server.url, plan.id)
    expect(await page.evaluate(() => window.__tandem!.rowKeys().length)).toBeGreaterThan(0)
  })

  it('switches to Chinese and remembers it', async () => {
    const { sales } = await twoPeople()
    await sales.selectOption('[data-testid="language-switch"]', 'zh-CN')
    await sales.waitForSelector('text=仅显示有缺口的物料')
    expect(await sales.textContent('[data-testid="connection-status"]')).toBe('在线')
    expect(await sales.textContent('label:has([data-testid="rows-demand"])')).toContain('需求预测')
    expect(await sales.textContent('[data-testid="gap-count-shortage"]')).toContain('缺货')
    expect(await cellText(sales, 'sku:SKU-00001:demand', -1)).toBe('需求预测')
    expect(await cellText(sales, 'sku:SKU-00001:projected', -1)).toBe('预计库存')
    await clickCell(sales, 'sku:SKU-00001:demand', 0)
    await sales.screenshot({ path: join(SCREENSHOTS, 'board-zh.png') })
    await sales.reload()
    await waitForGrid(sales)
    await sales.waitForSelector('text=仅显示有缺口的物料')
  })

  it('does not let a production user edit a demand cell, and says why', async () => {
    const plan = await createPlan(server, { skuCount: 20, periodCount: 12 })
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'UTC',
    })
    track(context)
    const page = await context.newPage()
    await page.goto(`${server.url}/plans/${plan.id}?debug=1`)
    await page.fill('[data-testid="sign-in-email"]', 'production@test.tandem')
    await page.fill('[data-testid="sign-in-password"]', TEST_PASSWORD)
    await page.click('[data-testid="sign-in-submit"]')
    await waitForGrid(page)
    expect(await page.textContent('[data-testid="identity-chip"]')).toContain(
      'Production Tester (Production)',
    )

    const before = await readCell(page, 'demand', 'SKU-00001', 3)
    await clickCell(page, 'sku:SKU-00001:demand', 3)
    await page.keyboard.type('99')
    await page.keyboard.press('Enter')
    const notice = page.locator('[data-testid="notice"][data-tone="error"]').first()
    await notice.waitFor()
    expect(await notice.textContent()).toBe('As Production you may not change Demand forecast.')
    expect(await page.locator('[data-testid="cell-editor"]').count()).toBe(0)
    expect(await readCell(page, 'demand', 'SKU-00001', 3)).toBe(before)

    await typeInto(page, 'sku:SKU-00001:supply', 3, '99')
    await waitUntil(page, () => window.__tandem?.readCell('supply', 'SKU-00001', 3) === 99)
  })

  it('spreads a family total over its SKUs in one step that undo takes back', async () => {
    const { sales, production } = await twoPeople()
    const family = 'family:Sparkling Water:demand'
    const before = await cellText(sales, family, 2)
    const skuBefore = await readCell(sales, 'demand', 'SKU-00001', 2)
    await typeInto(sales, family, 2, '20000')

    await waitUntil(
      production,
      () => window.__tandem?.cellText('family:Sparkling Water:demand', 2) === '20,000',
    )
    let total = 0
    for (let i = 1; i <= 20; i++) {
      total += await readCell(production, 'demand', `SKU-${String(i).padStart(5, '0')}`, 2)
    }
    expect(total).toBe(20000)
    expect(await readCell(production, 'demand', 'SKU-00001', 2)).not.toBe(skuBefore)
    await expect.poll(() => sales.textContent('[data-testid="notices"]')).toContain('Spread 20,000')

    await clickCell(sales, 'sku:SKU-00002:demand', 5)
    await sales.keyboard.press('Control+Z')
    await waitUntil(
      production,
      () => window.__tandem?.readCell('demand', 'SKU-00001', 2) !== undefined,
    )
    await production.waitForFunction(
      (text) => window.__tandem?.cellText('family:Sparkling Water:demand', 2) === text,
      before,
    )
    expect(await readCell(sales, 'demand', 'SKU-00001', 2)).toBe(skuBefore)
    await sales.keyboard.press('Control+Y')
    await waitUntil(
      production,
      () => window.__tandem?.cellText('family:Sparkling Water:demand', 2) === '20,000',
    )
  })

  it('after the server refuses an offline edit, says which cell, resyncs and keeps the valid one', async () => {
    const { planId, sales, production } = await twoPeople()
    const context = sales.context()
    await context.setOffline(true)
    await sales.waitForSelector('[data-testid="connection-status"][data-status="offline"]')
    await typeInto(sales, 'sku:SKU-00001:demand', 2, '111')
    await typeInto(sales, 'sku:SKU-00001:demand', 6, '666')
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('2 changes kept on this device')

    const planner = connectStockClient(server.syncUrl, planId, { token: server.tokens.planner })
    await planner.synced()
    planner.doc.transact(() => planner.plan.meta.set('frozenThrough', 3))
    await waitUntil(
      production,
      () =>
        (window.__tandem?.cellText('sku:SKU-00001:demand', -1) ?? '') !== '' &&
        document.body.innerText.includes('Frozen through'),
    )
    const generation = await sales.evaluate(() => window.__tandem!.generation())

    await context.setOffline(false)
    const refusal = sales.locator('[data-testid="notice"][data-tone="error"]').first()
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('The server refused a change')
    expect(await refusal.textContent()).toContain('SKU-00001')
    expect(await refusal.textContent()).toContain('frozen period')
    await sales.waitForFunction(
      (before) => (window.__tandem?.generation() ?? 0) > before,
      generation,
    )
    await waitUntil(production, () => window.__tandem?.readCell('demand', 'SKU-00001', 6) === 666)
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('All changes saved')
    expect(await readCell(production, 'demand', 'SKU-00001', 2)).not.toBe(111)
    expect(await readCell(sales, 'demand', 'SKU-00001', 2)).not.toBe(111)
    await expect
      .poll(() => sales.textContent('[data-testid="notices"]'))
      .toContain('1 change could not be restored')
    planner.destroy()
  })
})
