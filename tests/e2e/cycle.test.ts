import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
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

async function person(who: Parameters<typeof personContext>[2]): Promise<BrowserContext> {
  const context = await personContext(browser, server, who)
  track(context)
  return context
}

describe('the S&OP cycle, with a planner (English) and a sales user (Chinese)', () => {
  it('signs off the demand review live, locks sales demand with the reason, and reopens it', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 12 })
    const planner = await openBoard(await person({ account: 'planner' }), server.url, plan.id)
    const sales = await openBoard(
      await person({ account: 'sales', language: 'zh-CN' }),
      server.url,
      plan.id,
    )
    const stageOf = (page: typeof planner) => page.textContent('[data-testid="cycle-stage"]')
    expect(await stageOf(planner)).toBe('Data gathering')
    expect(await stageOf(sales)).toBe('数据收集')

    await planner.click('[data-testid="cycle-button"]')
    await planner.click('[data-testid="cycle-sign-off"]')
    await expect.poll(() => stageOf(sales)).toBe('需求评审')

    await typeInto(sales, 'sku:SKU-00001:demand', 6, '700')
    await waitUntil(planner, () => window.__tandem?.readCell('demand', 'SKU-00001', 6) === 700)

    await sales.click('[data-testid="cycle-button"]')
    expect(await sales.textContent('[data-testid="cycle-sign-off"]')).toBe('签核需求评审')
    await sales.click('[data-testid="cycle-sign-off"]')
    await expect.poll(() => stageOf(planner)).toBe('Supply review')
    await expect.poll(() => stageOf(sales)).toBe('供应评审')
    await sales.click('[data-testid="cycle-close"]')

    await typeInto(sales, 'sku:SKU-00001:demand', 6, '900')
    const refused = sales.locator('[data-testid="notice"][data-tone="error"]').first()
    await refused.waitFor()
    expect(await refused.textContent()).toContain(
      '需求评审已签核，需求已锁定，需计划员重新开启后才能修改',
    )
    await waitUntil(sales, () => window.__tandem?.readCell('demand', 'SKU-00001', 6) === 700)
    expect(await readCell(planner, 'demand', 'SKU-00001', 6)).toBe(700)

    await planner.fill('[data-testid="cycle-reason"]', 'Late orders from the east region')
    await planner.screenshot({ path: join(SCREENSHOTS, 'cycle-panel.png') })
    await planner.click('[data-testid="cycle-reopen-demandReview"]')
    await expect.poll(() => stageOf(sales)).toBe('需求评审')
    await expect
      .poll(() => planner.textContent('[data-testid="cycle-panel"]'))
      .toContain('Late orders from the east region')

    await typeInto(sales, 'sku:SKU-00001:demand', 6, '900')
    await waitUntil(planner, () => window.__tandem?.readCell('demand', 'SKU-00001', 6) === 900)
  })
})
