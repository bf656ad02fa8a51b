import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
  createPlan,
  nameOf,
  openBoard,
  personContext,
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

const following = (page: Page) =>
  page.getAttribute('[data-testid="meeting-banner"]', 'data-following')
const gapsOnly = (page: Page) => page.isChecked('[data-testid="gaps-only"]')
const records = (page: Page) => page.locator('[data-testid="meeting-record"]').count()

describe('the live S&OP meeting, with four people in four browsers, one in Chinese', () => {
  it('signs off, locks demand, runs the meeting with followers, records, and keeps the minutes', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 12 })
    const planner = await openBoard(await person({ account: 'planner' }), server.url, plan.id)
    const sales = await openBoard(
      await person({ account: 'sales', language: 'zh-CN' }),
      server.url,
      plan.id,
    )
    const production = await openBoard(await person({ account: 'production' }), server.url, plan.id)
    const viewer = await openBoard(await person({ account: 'viewer' }), server.url, plan.id)
    const stageOf = (page: Page) => page.textContent('[data-testid="cycle-stage"]')

    // 1. The demand review is signed off (the planner closes data gathering first).
    await planner.click('[data-testid="cycle-button"]')
    await planner.click('[data-testid="cycle-sign-off"]')
    await expect.poll(() => stageOf(sales)).toBe('需求评审')
    await sales.click('[data-testid="cycle-button"]')
    await sales.click('[data-testid="cycle-sign-off"]')
    await expect.poll(() => stageOf(viewer)).toBe('Supply review')
    await sales.click('[data-testid="cycle-close"]')
    await planner.click('[data-testid="cycle-close"]')

    // 2. A locked demand edit is refused, with the reason, in Chinese.
    await typeInto(sales, 'sku:SKU-00001:demand', 6, '900')
    const refused = sales.locator('[data-testid="notice"][data-tone="error"]').first()
    await refused.waitFor()
    expect(await refused.textContent()).toContain('需求评审已签核')

    // 3. The planner starts the meeting and presents.
    await planner.click('[data-testid="meeting-button"]')
    await planner.click('[data-testid="meeting-start"]')
    await planner.locator('[data-testid="agenda-item-0"]').waitFor()
    expect(await planner.getAttribute('[data-testid="agenda-item-0"]', 'class')).toContain(
      'current',
    )

    // 4. The three others follow the presenter without clicking Follow: the filter travels.
    for (const page of [sales, production, viewer])
      await expect.poll(() => following(page)).toBe('true')
    expect(await sales.textContent('[data-testid="meeting-banner"]')).toContain(
      `正在跟随演示者 ${nameOf('planner')}`,
    )
    await planner.click('[data-testid="gaps-only"]')
    for (const page of [sales, production, viewer])
      await expect.poll(() => gapsOnly(page)).toBe(true)
    // One click steps out (the board is one's own again), one click back in.
    await production.click('[data-testid="meeting-follow-toggle"]')
    await expect.poll(() => following(production)).toBe('false')
    await expect.poll(() => gapsOnly(production)).toBe(false)
    await production.click('[data-testid="meeting-follow-toggle"]')
    await expect.poll(() => gapsOnly(production)).toBe(true)
    await planner.click('[data-testid="agenda-next"]')
    expect(await planner.getAttribute('[data-testid="agenda-item-1"]', 'class')).toContain(
      'current',
    )

    // 5. Sales records a decision, the planner an action owned by production; all see them.
    await sales.click('[data-testid="meeting-button"]')
    await sales.fill('[data-testid="record-text"]', 'Add a Saturday shift on line 2')
    await sales.click('[data-testid="record-add"]')
    await planner.selectOption('[data-testid="record-kind"]', 'action')
    await planner.fill('[data-testid="record-text"]', 'Confirm overtime with the union')
    await planner.selectOption('[data-testid="record-owner"]', { label: nameOf('production') })
    await planner.fill('[data-testid="record-due"]', '2026-12-11')
    await planner.click('[data-testid="record-add"]')
    await viewer.click('[data-testid="meeting-button"]')
    for (const page of [planner, sales, viewer]) await expect.poll(() => records(page)).toBe(2)
    expect(await viewer.textContent('[data-testid="meeting-records"]')).toContain(
      `owner ${nameOf('production')}`,
    )
    await planner.screenshot({ path: join(SCREENSHOTS, 'meeting.png') })

    // 6. The meeting ends: the banner goes from every board.
    await planner.click('[data-testid="meeting-end"]')
    for (const page of [sales, production, viewer])
      await page.locator('[data-testid="meeting-banner"]').waitFor({ state: 'detached' })
    await waitUntil(viewer, () => !document.querySelector('[data-testid="meeting-banner"]'))

    // 7. The minutes are in the consensus version.
    await viewer.click('[data-testid="meeting-close"]')
    await viewer.click('[data-testid="versions-button"]')
    const minutes = viewer.locator('[data-testid="minutes"]').first()
    await minutes.waitFor()
    await minutes.locator('summary').click()
    expect(await minutes.locator('[data-testid="minutes-decisions"]').textContent()).toContain(
      'Add a Saturday shift on line 2',
    )
    expect(await minutes.locator('[data-testid="minutes-actions"]').textContent()).toContain(
      'Confirm overtime with the union',
    )
    const attendees = await minutes.locator('[data-testid="minutes-attendees"]').textContent()
    for (const account of ['planner', 'sales', 'production', 'viewer'] as const)
      expect(attendees).toContain(nameOf(account))
    await viewer.screenshot({ path: join(SCREENSHOTS, 'meeting-minutes.png') })
    // The inbox (the action in production's inbox) and the PDF pack are built on these minutes
    // by the executive-summary work of issue 16.
  })
})
