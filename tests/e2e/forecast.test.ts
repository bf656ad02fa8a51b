import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
  clickCell,
  openBoard,
  personContext,
  readCell,
  SCREENSHOTS,
  typeInto,
  useE2ESuite,
} from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

const SKU_COUNT = 12
const PERIODS = 12
const OVERRIDE_PERIOD = 4

const WORDS = {
  en: {
    promotion: 'Promotion',
    accepted: 'Accepted the baseline',
    method: 'Baseline',
    sources: ['Typed in the grid', 'Accepted baseline'],
  },
  'zh-CN': {
    promotion: '促销',
    accepted: '采纳基线',
    method: '基线',
    sources: ['在表格中输入', '采纳的基线'],
  },
} as const

/** A plan with three years of demo history (trend, season, promotions, intermittent SKUs). */
async function planWithHistory(): Promise<string> {
  const response = await fetch(`${server.url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.headers('planner') },
    body: JSON.stringify({
      name: 'Forecast plan',
      generator: { skuCount: SKU_COUNT, periodCount: PERIODS, history: true },
    }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { plan: { id: string } }).plan.id
}

/** The number a grid cell shows, read back from its text ("1,234" or "1,234.5"). */
async function shownNumber(page: Page, row: string, period: number): Promise<number | undefined> {
  const text = await page.evaluate(([r, p]) => window.__tandem?.cellText(r, p), [
    row,
    period,
  ] as const)
  if (!text) return undefined
  return Number(text.replace(/[^0-9.-]/g, ''))
}

/** The SKUs of the family whose first row is `family:NAME:demand`, in display order. */
async function skusOfFamily(page: Page, family: string): Promise<string[]> {
  const keys = await page.evaluate(() => window.__tandem!.rowKeys())
  const start = keys.indexOf(`family:${family}:demand`)
  const skus: string[] = []
  for (const key of keys.slice(start + 1)) {
    if (key.startsWith('family:') || key.startsWith('resource:')) {
      if (skus.length > 0) break
      continue
    }
    const [, sku, measure] = key.split(':')
    if (measure === 'demand') skus.push(sku)
  }
  return skus
}

async function showForecastRows(page: Page): Promise<void> {
  for (const measure of ['statistical', 'actuals']) {
    const box = page.locator(`[data-testid="rows-${measure}"]`)
    if (!(await box.isChecked())) await box.check()
  }
}

describe('statistical forecast on the board', () => {
  for (const language of ['en', 'zh-CN'] as const) {
    it(`a sales user accepts a family's baseline and overrides a cell with a reason; another user sees both live (${language})`, async () => {
      const words = WORDS[language]
      const planId = await planWithHistory()
      const planner = await openBoard(
        track(await personContext(browser, server, { account: 'planner', language })),
        server.url,
        planId,
      )
      const sales = await openBoard(
        track(await personContext(browser, server, { account: 'sales', language })),
        server.url,
        planId,
      )
      await showForecastRows(planner)
      await showForecastRows(sales)
      // History is on the board before any run: the chart draws it, the Actuals row exists.
      await clickCell(sales, 'sku:SKU-00001:demand', 0)
      await expect
        .poll(() => sales.getAttribute('[data-testid="chart-panel"]', 'data-history'))
        .toBe('shown')
      expect(await shownNumber(sales, 'sku:SKU-00001:statistical', 0)).toBeUndefined()
      // Sales may not run the forecast; the planner does, and both boards follow its progress.
      expect(await sales.locator('[data-testid="run-forecast"]').count()).toBe(0)
      await planner.click('[data-testid="run-forecast"]')
      for (const page of [planner, sales]) {
        await page
          .locator('[data-testid="forecast-progress"][data-state="done"]')
          .waitFor({ timeout: 60_000 })
        await expect
          .poll(() => shownNumber(page, 'sku:SKU-00001:statistical', 0), { timeout: 15_000 })
          .toBeTypeOf('number')
      }
      await expect
        .poll(() => sales.getAttribute('[data-testid="chart-panel"]', 'data-baseline'))
        .toBe('shown')

      // Hovering a baseline cell says how it was made.
      const bounds = await sales.evaluate(() =>
        window.__tandem!.cellBounds('sku:SKU-00001:statistical', 1),
      )
      await sales.mouse.move(bounds!.x + bounds!.width / 2, bounds!.y + bounds!.height / 2)
      const tooltip = sales.locator('[data-testid="baseline-tooltip"]')
      await expect.poll(() => tooltip.textContent()).toContain(words.method)
      expect(await tooltip.textContent()).toMatch(/MASE \d+\.\d\d/)

      // Sales accepts the baseline of SKU-00001's family: one transaction, one undo step.
      const family = (await sales.evaluate(() => window.__tandem!.rowKeys()))
        .find((key) => key.startsWith('family:'))!
        .split(':')[1]
      const skus = await skusOfFamily(sales, family)
      expect(skus.length).toBeGreaterThan(1)
      await clickCell(sales, `sku:${skus[0]}:demand`, 2)
      await sales.click('[data-testid="accept-baseline"]')
      await sales.click('[data-testid="accept-family"]')
      await expect
        .poll(() => sales.locator('[data-testid="notice"]').allTextContents())
        .toEqual(expect.arrayContaining([expect.stringContaining(words.accepted)]))
      for (const sku of skus) {
        for (const period of [0, PERIODS - 1]) {
          const baseline = await shownNumber(sales, `sku:${sku}:statistical`, period)
          await expect.poll(() => readCell(sales, 'demand', sku, period)).toBe(baseline)
          await expect.poll(() => readCell(planner, 'demand', sku, period)).toBe(baseline)
        }
      }

      // Sales overrides one cell with the reason "promotion".
      const sku = skus[0]
      const baseline = (await shownNumber(sales, `sku:${sku}:statistical`, OVERRIDE_PERIOD))!
      const promoted = Math.round(baseline) + 250
      await sales.selectOption('[data-testid="override-reason"]', 'promotion')
      await typeInto(sales, `sku:${sku}:demand`, OVERRIDE_PERIOD, String(promoted))
      await expect.poll(() => readCell(planner, 'demand', sku, OVERRIDE_PERIOD)).toBe(promoted)

      // The planner sees the reason in the cell's history, and can filter on it.
      await planner.evaluate(([row, p]) => window.__tandem!.scrollToCell(row, p), [
        `sku:${sku}:demand`,
        OVERRIDE_PERIOD,
      ] as const)
      await planner.waitForTimeout(100)
      const cell = await planner.evaluate(([row, p]) => window.__tandem!.cellBounds(row, p), [
        `sku:${sku}:demand`,
        OVERRIDE_PERIOD,
      ] as const)
      await planner.mouse.click(cell!.x + cell!.width / 2, cell!.y + cell!.height / 2, {
        button: 'right',
      })
      await planner.click('[data-testid="menu-history"]')
      const dialog = planner.locator('[data-testid="cell-history"]')
      await dialog.locator('[data-testid="history-base"]').waitFor()
      await expect
        .poll(() => dialog.locator('[data-testid="cell-reason"]').textContent())
        .toContain(words.promotion)
      await expect
        .poll(() => dialog.locator('[data-testid="history-entry"]').count())
        .toBeGreaterThanOrEqual(2)
      expect(await dialog.locator('[data-testid="history-reason"]').first().textContent()).toBe(
        words.promotion,
      )
      // Newest first: the override typed in the grid, then the accepted baseline it replaced.
      expect(
        (await dialog.locator('[data-testid="history-source"]').allTextContents())
          .slice(0, 2)
          .map((text) => text.trim()),
      ).toEqual(words.sources)
      await dialog.locator('[data-testid="history-reason-filter"]').selectOption('promotion')
      expect(await dialog.locator('[data-testid="history-entry"]').count()).toBe(1)
      expect(await dialog.locator('[data-testid="history-entry"]').textContent()).toContain(
        words.promotion,
      )
      await dialog.locator('[data-testid="history-reason-filter"]').selectOption('priceChange')
      expect(await dialog.locator('[data-testid="history-entry"]').count()).toBe(0)
      await dialog.locator('[data-testid="history-reason-filter"]').selectOption('')
      if (language === 'en') {
        await dialog.locator('button').last().click()
        const hover = await sales.evaluate(([row, p]) => window.__tandem!.cellBounds(row, p), [
          `sku:${sku}:statistical`,
          OVERRIDE_PERIOD,
        ] as const)
        await sales.mouse.move(hover!.x + hover!.width / 2, hover!.y + hover!.height / 2)
        await sales.locator('[data-testid="baseline-tooltip"]').waitFor()
        await sales.screenshot({ path: join(SCREENSHOTS, 'statistical-forecast.png') })
      }

      // Undo takes back the override and its reason in one step.
      await clickCell(sales, `sku:${sku}:demand`, OVERRIDE_PERIOD)
      await sales.keyboard.press('Control+Z')
      await expect.poll(() => readCell(planner, 'demand', sku, OVERRIDE_PERIOD)).toBe(baseline)
    }, 180_000)
  }
})
