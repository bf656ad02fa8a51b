import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createFlag } from '@tandem/shared'
import { connectStockClient } from '../support/stock-client.js'
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

    // 8. The assignee finds the action in their inbox, from the header, and it opens the board.
    // Production also owns the supply review, now the current stage: its sign-off waits too.
    const inboxLink = production.locator('[data-testid="inbox-link"]')
    await expect
      .poll(() => production.locator('[data-testid="inbox-unread"]').textContent(), {
        timeout: 15_000,
      })
      .toBe('2')
    await inboxLink.click()
    await production.locator('[data-testid="inbox-item-signOff"]').waitFor({ timeout: 15_000 })
    const action = production.locator('[data-testid="inbox-item-action"]')
    await action.waitFor({ timeout: 15_000 })
    expect(await action.textContent()).toContain('Confirm overtime with the union (due 2026-12-11)')
    expect(await action.textContent()).toContain(plan.name)
    expect(await action.getAttribute('data-read')).toBe('false')
    await production.screenshot({ path: join(SCREENSHOTS, 'inbox.png') })
    await action.locator('a').click()
    await production.waitForURL(`**/plans/${plan.id}`)
    // The action opens the board with the Meeting panel (the minutes are in Versions by now).
    await production.locator('[data-testid="meeting-panel"]').waitFor({ timeout: 15_000 })
    await production.goBack()
    await expect
      .poll(() => production.getAttribute('[data-testid="inbox-item-action"]', 'data-read'), {
        timeout: 15_000,
      })
      .toBe('true')

    // 9. The PDF is produced: it has pages and the expected text (pdftotext, poppler-utils).
    const pdf = await production.request.get(
      `${server.url}/api/plans/${plan.id}/meeting-pack.pdf?lang=en`,
    )
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    const dir = mkdtempSync(join(tmpdir(), 'tandem-pack-'))
    try {
      const file = join(dir, 'pack.pdf')
      writeFileSync(file, await pdf.body())
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(1)
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      for (const words of ['Add a Saturday shift on line 2', 'Confirm overtime with the union'])
        expect(text).toContain(words)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the inbox in two tabs of one person', () => {
  it("shares the presenter's grain, grouping and fixed columns with followers, and gives theirs back", async () => {
    const plan = await createPlan(server, { skuCount: 30, periodCount: 26 })
    const planner = await openBoard(await person({ account: 'planner' }), server.url, plan.id)
    const viewer = await openBoard(await person({ account: 'viewer' }), server.url, plan.id)
    const keys = (page: Page) => page.evaluate(() => window.__tandem!.rowKeys())
    const viewerOrder = await keys(viewer)
    await planner.click('[data-testid="meeting-button"]')
    await planner.click('[data-testid="meeting-start"]')
    await expect.poll(() => following(viewer)).toBe('true')

    await planner.selectOption('[data-testid="grain-select"]', 'quarter')
    await planner.click('[data-testid="row-filters-button"]')
    await planner.selectOption('[data-testid="group-by"]', 'site')
    await planner.selectOption('[data-testid="frozen-columns"]', '6')
    // the follower shows quarters (column 7, the second quarter of 2027, starts in week 17), the
    // sites and the fixed columns
    expect(await planner.evaluate(() => window.__tandem!.periodOfColumn(7))).toBe(17)
    await expect
      .poll(() => viewer.evaluate(() => window.__tandem!.periodOfColumn(7)), { timeout: 15_000 })
      .toBe(17)
    await expect
      .poll(async () => (await keys(viewer)).includes('group:site:SH:demand'), { timeout: 15_000 })
      .toBe(true)
    expect(await keys(viewer)).toEqual(await keys(planner))
    expect(await viewer.inputValue('[data-testid="frozen-columns"]')).toBe('6')
    expect(await viewer.inputValue('[data-testid="grain-select"]')).toBe('quarter')

    // stepping out gives the follower their own view back, and it was never overwritten
    await viewer.click('[data-testid="meeting-follow-toggle"]')
    await expect.poll(() => following(viewer)).toBe('false')
    await expect
      .poll(() => viewer.evaluate(() => window.__tandem!.periodOfColumn(7)), { timeout: 15_000 })
      .toBe(2)
    expect(await keys(viewer)).toEqual(viewerOrder)
  })

  it('marks an item read in one tab and shows it read in the other, without a reload', async () => {
    const plan = await createPlan(server, { skuCount: 4, periodCount: 6 })
    const sales = await person({ account: 'sales' })
    const [one, two] = [await sales.newPage(), await sales.newPage()]
    for (const tab of [one, two]) {
      await tab.goto(`${server.url}/inbox`)
      await tab.locator('[data-testid="inbox-count"]').filter({ hasText: /\d/ }).waitFor()
    }
    // A new item arrives while both tabs are open: the planner, over a real socket, flags a gap
    // for sales.
    const planner = connectStockClient(server.syncUrl, plan.id, {
      token: server.tokens.planner,
      ext: true,
      reconnect: false,
    })
    try {
      await planner.synced()
      createFlag(planner.plan, {
        id: 'flag-for-sales',
        kind: 'shortage',
        severity: 'high',
        owner: server.users.sales.id,
        dueDate: '2026-12-18',
        status: 'open',
        cells: [{ measure: 'projected', key: planner.plan.listSkus()[0], period: 2 }],
        threadId: '',
        note: 'Short in week 3: can sales shift the promotion?',
        createdBy: server.users.planner.id,
        createdAt: new Date().toISOString(),
      })
      for (const tab of [one, two])
        await tab.locator('[data-testid="inbox-item-flag"]').waitFor({ timeout: 15_000 })
    } finally {
      planner.destroy()
    }
    for (const tab of [one, two])
      await tab.locator('[data-testid="inbox-item-flag"]').waitFor({ timeout: 15_000 })
    expect(await two.getAttribute('[data-testid="inbox-item-flag"]', 'data-read')).toBe('false')
    await one.click('[data-testid="inbox-item-flag"] .inbox-mark')
    await expect
      .poll(() => two.getAttribute('[data-testid="inbox-item-flag"]', 'data-read'), {
        timeout: 15_000,
      })
      .toBe('true')
    await two.click('[data-testid="inbox-item-flag"] .inbox-mark')
    await expect
      .poll(() => one.getAttribute('[data-testid="inbox-item-flag"]', 'data-read'), {
        timeout: 15_000,
      })
      .toBe('false')
    await two.click('[data-testid="inbox-mark-all"]')
    await expect
      .poll(() => one.locator('[data-testid="inbox-unread"]').count(), { timeout: 15_000 })
      .toBe(0)
  })
})
