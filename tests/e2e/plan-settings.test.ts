import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer, Person } from './harness.js'
import {
  cellText,
  createPlan,
  openBoard,
  personContext,
  readCell,
  SCREENSHOTS,
  typeInto,
  useE2ESuite,
  waitUntil,
} from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

async function person(who: Person): Promise<BrowserContext> {
  return track(await personContext(browser, server, who))
}

async function plannerAndSales(): Promise<{ planId: string; planner: Page; sales: Page }> {
  const plan = await createPlan(server, { skuCount: 12, periodCount: 8 }, 'Settings plan')
  const planner = await openBoard(await person({ account: 'planner' }), server.url, plan.id)
  const sales = await openBoard(await person({ account: 'sales' }), server.url, plan.id)
  return { planId: plan.id, planner, sales }
}

/** Right-clicks a period's column header, where a planner finds "freeze through here". */
async function rightClickHeader(page: Page, period: number): Promise<void> {
  const cell = await page.evaluate(
    (p) => window.__tandem!.cellBounds('sku:SKU-00001:demand', p),
    period,
  )
  const grid = await page.locator('[data-testid="plan-grid"]').boundingBox()
  if (!cell || !grid) throw new Error('no grid')
  // The column header is the second header row (under the month group), 26 + 34 px high.
  await page.mouse.click(cell.x + cell.width / 2, grid.y + 26 + 17, { button: 'right' })
}

async function periodHeaderMenu(page: Page, period: number): Promise<void> {
  await rightClickHeader(page, period)
  await page.locator('[data-testid="period-menu"]').waitFor()
}

describe('plan settings and master data in the board', () => {
  it('lets a planner rename, set unit, decimals and status, and freeze from a period header; sales sees it live and read-only', async () => {
    const { planner, sales } = await plannerAndSales()
    await planner.click('[data-testid="settings-button"]')
    await planner.fill('[data-testid="settings-name"]', 'December consensus')
    await planner.fill('[data-testid="settings-unit"]', 'kg')
    await planner.fill('[data-testid="settings-decimals"]', '9')
    await planner.click('[data-testid="settings-save"]')
    expect(await planner.textContent('[data-testid="settings-error-decimals"]')).toBe(
      'Decimals must be a whole number from 0 to 6.',
    )
    expect(await sales.textContent('[data-testid="plan-name"]')).toBe('Settings plan')
    await planner.fill('[data-testid="settings-decimals"]', '1')
    await planner.click('[data-testid="settings-save"]')
    await sales.waitForFunction(
      () =>
        document.querySelector('[data-testid="plan-name"]')?.textContent === 'December consensus',
    )
    // One decimal is now allowed: sales types 12.5 where a whole-unit plan refused it.
    await typeInto(sales, 'sku:SKU-00001:demand', 4, '12.5')
    await waitUntil(planner, () => window.__tandem?.readCell('demand', 'SKU-00001', 4) === 12.5)

    await periodHeaderMenu(planner, 2)
    const freeze = planner.locator('[data-testid="freeze-here"]')
    expect(await freeze.textContent()).toMatch(/^Freeze through here \(W\d+ · /)
    await freeze.click()
    await sales.waitForSelector('.pill.frozen')
    const frozenBefore = await readCell(sales, 'demand', 'SKU-00002', 2)
    await typeInto(sales, 'sku:SKU-00002:demand', 2, '777')
    await expect
      .poll(() => sales.textContent('[data-testid="notice"]'))
      .toContain('is a frozen period')
    expect(await readCell(sales, 'demand', 'SKU-00002', 2)).toBe(frozenBefore)
    expect(await planner.inputValue('[data-testid="settings-frozen-through"]')).toBe('2')
    await planner.screenshot({ path: join(SCREENSHOTS, 'plan-settings.png') })

    await sales.click('[data-testid="settings-button"]')
    expect(await sales.textContent('[data-testid="settings-read-only"]')).toContain(
      'only a planner can change them',
    )
    expect(await sales.isDisabled('[data-testid="settings-name"]')).toBe(true)
    expect(await sales.isDisabled('[data-testid="settings-status"]')).toBe(true)
    expect(await sales.locator('[data-testid="settings-save"]').count()).toBe(0)
    expect(await sales.inputValue('[data-testid="settings-unit"]')).toBe('kg')
    await rightClickHeader(sales, 3)
    await sales.click('[data-testid="tab-masterData"]')
    await sales.locator('[data-testid="master-data"]').waitFor()
    expect(await sales.locator('[data-testid="period-menu"]').count()).toBe(0)
    await sales.click('[data-testid="tab-settings"]')

    await planner.selectOption('[data-testid="settings-status"]', 'approved')
    await planner.click('[data-testid="settings-save"]')
    await sales.waitForSelector('text=Approved: read-only')
    expect(await sales.inputValue('[data-testid="settings-status"]')).toBe('approved')
  })

  it('lets a planner add a SKU with its rows, refuse a negative safety stock by name, and retire a SKU out of the totals', async () => {
    const { planner, sales } = await plannerAndSales()
    await planner.click('[data-testid="settings-button"]')
    await planner.click('[data-testid="tab-masterData"]')
    await planner.click('[data-testid="add-sku"]')
    await planner.fill('[data-testid="item-sku"]', 'SKU-NEW')
    await planner.fill('[data-testid="item-name"]', 'Oat drink 1 l')
    await planner.fill('[data-testid="item-family"]', 'Oat drinks')
    await planner.fill('[data-testid="item-openingStock"]', '300')
    await planner.fill('[data-testid="item-safetyStock"]', '-5')
    await planner.click('[data-testid="item-save"]')
    expect(await planner.textContent('[data-testid="item-error-safetyStock"]')).toBe(
      'Safety stock of SKU-NEW must not be negative (got -5).',
    )
    await planner.fill('[data-testid="item-safetyStock"]', '50')
    await planner.click('[data-testid="item-save"]')
    await waitUntil(sales, () => window.__tandem!.rowKeys().includes('sku:SKU-NEW:demand'))
    expect(
      await sales.evaluate(() => window.__tandem!.rowKeys().includes('family:Oat drinks:demand')),
    ).toBe(true)
    expect(await cellText(sales, 'sku:SKU-NEW:projected', 0)).toBe('300')
    await typeInto(sales, 'sku:SKU-NEW:demand', 3, '40')
    await waitUntil(planner, () => window.__tandem?.readCell('demand', 'SKU-NEW', 3) === 40)

    await planner.fill('[data-testid="master-data-search"]', 'SKU-00001')
    await planner.click(
      '[data-testid="master-data-row"][data-sku="SKU-00001"] [data-testid="edit-sku"]',
    )
    const maxBefore = await planner.inputValue('[data-testid="item-maxStock"]')
    await planner.fill('[data-testid="item-maxStock"]', 'lots')
    await planner.click('[data-testid="item-save"]')
    expect(await planner.textContent('[data-testid="item-error-maxStock"]')).toBe(
      'Maximum stock (0 = none) of SKU-00001 must be a number.',
    )
    // A maximum below the safety stock is a typo the form catches; nothing is written.
    await planner.fill('[data-testid="item-safetyStock"]', '1500')
    await planner.fill('[data-testid="item-maxStock"]', '150')
    await planner.click('[data-testid="item-save"]')
    expect(await planner.textContent('[data-testid="item-error-maxStock"]')).toBe(
      'Maximum stock (0 = none) of SKU-00001 (150) is below the safety stock (1,500): raise it, or enter 0 for no maximum.',
    )
    await planner.click('text=Cancel')
    await planner.click(
      '[data-testid="master-data-row"][data-sku="SKU-00001"] [data-testid="edit-sku"]',
    )
    expect(await planner.inputValue('[data-testid="item-maxStock"]')).toBe(maxBefore)
    await planner.click('text=Cancel')

    const sku = 'SKU-00003'
    const family = await planner.evaluate(() => {
      const keys = window.__tandem!.rowKeys()
      const at = keys.indexOf('sku:SKU-00003:demand')
      return keys
        .slice(0, at)
        .findLast((key) => key.startsWith('family:'))!
        .split(':')[1]
    })
    expect(family).not.toBe('Oat drinks')
    const familyRow = `family:${family}:demand`
    const total = Number((await cellText(sales, familyRow, 0))?.replace(/,/g, ''))
    const own = await readCell(sales, 'demand', sku, 0)
    await planner.fill('[data-testid="master-data-search"]', sku)
    await planner.click(
      `[data-testid="master-data-row"][data-sku="${sku}"] [data-testid="retire-sku"]`,
    )
    await sales.waitForFunction((s) => !window.__tandem!.rowKeys().includes(`sku:${s}:demand`), sku)
    await expect
      .poll(async () => Number((await cellText(sales, familyRow, 0))?.replace(/,/g, '')))
      .toBe(total - own)
    expect(await readCell(sales, 'demand', sku, 0)).toBe(own)
    expect(
      await planner.textContent(`[data-testid="master-data-row"][data-sku="${sku}"]`),
    ).toContain('retired')
    await planner.screenshot({ path: join(SCREENSHOTS, 'master-data.png') })
    await planner.click(
      `[data-testid="master-data-row"][data-sku="${sku}"] [data-testid="restore-sku"]`,
    )
    await sales.waitForFunction((s) => window.__tandem!.rowKeys().includes(`sku:${s}:demand`), sku)

    await sales.click('[data-testid="settings-button"]')
    await sales.click('[data-testid="tab-masterData"]')
    expect(await sales.textContent('[data-testid="master-data-read-only"]')).toContain(
      'only a planner can change it',
    )
    expect(await sales.locator('[data-testid="add-sku"]').count()).toBe(0)
    expect(await sales.locator('[data-testid="retire-sku"]').count()).toBe(0)
  })

  it('shows a SKU whose family a planner blanked under "No family", in English and Chinese', async () => {
    const { planner, sales } = await plannerAndSales()
    await planner.click('[data-testid="settings-button"]')
    await planner.click('[data-testid="tab-masterData"]')
    await planner.click(
      '[data-testid="master-data-row"][data-sku="SKU-00001"] [data-testid="edit-sku"]',
    )
    await planner.fill('[data-testid="item-family"]', '')
    await planner.click('[data-testid="item-save"]')
    await waitUntil(sales, () => window.__tandem!.rowKeys().includes('family::demand'))
    const familyColumn = (page: Page) =>
      page.locator('[role="gridcell"]', { hasText: /^(No family|无产品族)$/ }).first()
    await familyColumn(sales).waitFor({ state: 'attached' })
    expect(await familyColumn(sales).textContent()).toBe('No family')
    await sales.selectOption('[data-testid="language-switch"]', 'zh-CN')
    await sales.waitForFunction(() => document.documentElement.lang === 'zh-CN')
    await expect.poll(() => familyColumn(sales).textContent()).toBe('无产品族')
  })
})
