import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import { personContext, SCREENSHOTS, useE2ESuite, waitForGrid, waitUntil } from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

describe('a blank plan from the plans page', () => {
  it('creates a weekly plan with no SKUs, which a planner fills from master data', async () => {
    const context = track(await personContext(browser, server, { account: 'planner' }))
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    await page.fill('[data-testid="blank-name"]', 'Blank weeks')
    await page.selectOption('[data-testid="blank-kind"]', 'week')
    await page.fill('[data-testid="blank-start"]', '2026-W05')
    await page.fill('[data-testid="blank-periods"]', '0')
    await page.click('[data-testid="blank-submit"]')
    expect(await page.textContent('[data-testid="blank-error-periods"]')).toBe(
      'Number of periods must be a whole number from 1 to 520.',
    )
    await page.fill('[data-testid="blank-periods"]', '13')
    await page.fill('[data-testid="blank-unit"]', 'kg')
    await page.screenshot({ path: join(SCREENSHOTS, 'blank-plan.png') })
    await page.click('[data-testid="blank-submit"]')

    await page.waitForURL(/\/plans\//)
    const planId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!)
    await page.goto(`${server.url}/plans/${encodeURIComponent(planId)}?debug=1`)
    await page.locator('[data-testid="empty-plan"]').waitFor()
    expect(await page.textContent('[data-testid="plan-name"]')).toBe('Blank weeks')
    expect(await page.textContent('.horizon')).toBe('13 weeks from Jan 26, 2026')
    const record = await fetch(`${server.url}/api/plans/${planId}`, {
      headers: server.headers('planner'),
    })
    expect(((await record.json()) as { plan: Record<string, unknown> }).plan).toMatchObject({
      periodKind: 'week',
      firstPeriod: '2026-01-26',
      periodCount: 13,
      skuCount: 0,
    })

    await page.click('[data-testid="empty-plan-add"]')
    await page.fill('[data-testid="item-sku"]', 'OAT-1L')
    await page.fill('[data-testid="item-name"]', 'Oat drink 1 l')
    await page.fill('[data-testid="item-family"]', 'Oat drinks')
    await page.fill('[data-testid="item-openingStock"]', '40')
    await page.click('[data-testid="item-save"]')
    await waitForGrid(page)
    await waitUntil(page, () => window.__tandem!.rowKeys().includes('sku:OAT-1L:demand'))
    expect(await page.locator('[data-testid="empty-plan"]').count()).toBe(0)
    expect(await page.evaluate(() => window.__tandem!.cellText('sku:OAT-1L:projected', 12))).toBe(
      '40',
    )
    await page.click('[data-testid="tab-settings"]')
    expect(await page.inputValue('[data-testid="settings-unit"]')).toBe('kg')
  })

  it('creates a monthly plan from a month input', async () => {
    const context = track(await personContext(browser, server, { account: 'planner' }))
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    await page.fill('[data-testid="blank-name"]', 'Blank months')
    await page.selectOption('[data-testid="blank-kind"]', 'month')
    await page.fill('[data-testid="blank-start"]', '2027-03')
    await page.fill('[data-testid="blank-periods"]', '18')
    await page.click('[data-testid="blank-submit"]')
    await page.waitForURL(/\/plans\//)
    await page.locator('[data-testid="empty-plan"]').waitFor()
    expect(await page.textContent('.horizon')).toBe('18 months from Mar 1, 2027')
  })
})
