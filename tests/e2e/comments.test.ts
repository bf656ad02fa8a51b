import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import * as Y from 'yjs'
import { addMessage } from '@tandem/shared'
import { describe, expect, it } from 'vitest'
import { connectStockClient } from '../support/stock-client.js'
import type { TestAccount } from '../support/test-server.js'
import type { E2EServer } from './harness.js'
import {
  cellText,
  clickCell,
  createPlan,
  nameOf,
  openBoard,
  personContext,
  readCell,
  SCREENSHOTS,
  useE2ESuite,
} from './harness.js'

const PERIOD = 5
const PERIODS = 12
const CORNER_MARK = [0xd9, 0x77, 0x06]

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

async function open(account: TestAccount, planId: string): Promise<Page> {
  const context = await personContext(browser, server, { account })
  track(context)
  return openBoard(context, server.url, planId)
}

/** A SKU with no gap in any period, so that one added demand makes the only shortage. */
async function skuWithoutGaps(page: Page): Promise<string> {
  return page.evaluate((periods) => {
    const handle = window.__tandem!
    const skus = handle
      .rowKeys()
      .filter((key) => key.startsWith('sku:') && key.endsWith(':projected'))
      .map((key) => key.split(':')[1])
    const clean = skus.find((sku) =>
      Array.from({ length: periods }, (_, p) => handle.cellText(`sku:${sku}:gap`, p)).every(
        (text) => text === '',
      ),
    )
    if (!clean) throw new Error('every SKU has a gap')
    return clean
  }, PERIODS)
}

async function rightClickCell(page: Page, row: string, period: number): Promise<void> {
  const bounds = await page.evaluate(([r, p]) => window.__tandem?.cellBounds(r, p), [
    row,
    period,
  ] as const)
  if (!bounds) throw new Error(`no cell ${row} ${period}`)
  await page.mouse.click(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2, {
    button: 'right',
  })
  await page.waitForSelector('[data-testid="cell-menu"]')
}

/** The colour painted just inside a cell's top-right corner, where the thread mark goes. */
async function cornerColour(page: Page, row: string, period: number): Promise<number[]> {
  return page.evaluate(
    ([r, p]) => {
      const bounds = window.__tandem!.cellBounds(r, p)!
      const canvas = document.querySelector<HTMLCanvasElement>(
        'canvas[data-testid="data-grid-canvas"]',
      )!
      const box = canvas.getBoundingClientRect()
      const scale = canvas.width / box.width
      const x = Math.round((bounds.x + bounds.width - box.left - 3) * scale)
      const y = Math.round((bounds.y - box.top + 3) * scale)
      const pixel = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data
      return [pixel[0], pixel[1], pixel[2]]
    },
    [row, period] as const,
  )
}

async function typeInEditor(page: Page, scope: string, text: string): Promise<void> {
  await page.click(`${scope} [data-testid="comment-editor"]`)
  await page.keyboard.type(text)
}

async function openThreads(page: Page): Promise<void> {
  if ((await page.getAttribute('[data-testid="open-comments"]', 'aria-pressed')) !== 'true')
    await page.click('[data-testid="open-comments"]')
}

describe('comments and gap flags, with a viewer, sales, production and the planner', () => {
  it('discusses a shortage, mentions production, flags the gap and closes it', async () => {
    const plan = await createPlan(server, { skuCount: 20, periodCount: PERIODS })
    const viewer = await open('viewer', plan.id)
    const sales = await open('sales', plan.id)
    const production = await open('production', plan.id)
    const planner = await open('planner', plan.id)
    const everyone = [viewer, sales, production, planner]
    const sku = await skuWithoutGaps(sales)
    const projected = `sku:${sku}:projected`
    const supplyBefore = await readCell(production, 'supply', sku, PERIOD)

    // Set-up: sales raise demand so that the SKU runs short from PERIOD on.
    await clickCell(sales, `sku:${sku}:demand`, PERIOD)
    await sales.keyboard.type('5000')
    await sales.keyboard.press('Enter')
    await viewer.waitForFunction(
      ([row, p]) => window.__tandem?.cellText(row, p)?.startsWith('-') === true,
      [projected, PERIOD] as const,
    )

    // 1. The viewer comments on the shortage cell from the grid's context menu.
    await rightClickCell(viewer, projected, PERIOD)
    expect(await viewer.locator('[data-testid="menu-flag"]').count()).toBe(0)
    await viewer.click('[data-testid="menu-comment"]')
    await typeInEditor(viewer, '[data-testid="new-thread"]', 'Why are we short of ')
    await viewer.keyboard.press('Control+b')
    await viewer.keyboard.type('this SKU')
    await viewer.keyboard.press('Control+b')
    await viewer.keyboard.type(' here?')
    await viewer.click('[data-testid="message-submit"]')
    await viewer.waitForSelector('[data-testid="thread-view"] [data-testid="message"]')
    expect(await viewer.textContent('[data-testid="thread-view"] strong:text("this SKU")')).toBe(
      'this SKU',
    )
    for (const page of everyone) {
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="open-comments"]')?.textContent?.includes('(1)'),
      )
    }
    await expect.poll(() => cornerColour(production, projected, PERIOD)).toEqual(CORNER_MARK)
    await expect.poll(() => cornerColour(planner, projected, PERIOD)).toEqual(CORNER_MARK)

    // 2. Sales reply with an @mention of production, in Chinese.
    await openThreads(sales)
    await sales.click('[data-testid="thread-item"]')
    await sales.waitForSelector('[data-testid="thread-view"]')
    await typeInEditor(sales, '[data-testid="thread-view"]', '@Produ')
    await sales.waitForSelector('[data-testid="mention-choices"]')
    await sales.keyboard.press('Enter')
    // Pinyin composed by an input method, then committed as 请, then the rest of the sentence.
    const ime = await sales.context().newCDPSession(sales)
    for (const text of ['q', 'qi', 'qin', 'qing']) {
      await ime.send('Input.imeSetComposition', {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      })
    }
    await ime.send('Input.insertText', { text: '请' })
    await sales.keyboard.insertText('确认第六周的补货计划，谢谢！')
    await sales.click('[data-testid="thread-view"] [data-testid="message-submit"]')
    await sales.waitForSelector('[data-testid="thread-view"] [data-testid="message"]:nth-child(2)')
    const production_ = nameOf('production')
    for (const page of [viewer, sales]) {
      const reply = page.locator('[data-testid="thread-view"] [data-testid="message"]').nth(1)
      await expect.poll(() => reply.textContent()).toContain('请确认第六周的补货计划')
      expect(await reply.locator('[data-testid="mention"]').textContent()).toBe(`@${production_}`)
      const text = (await reply.locator('.message-body').textContent()) ?? ''
      expect(text).not.toContain('q')
      expect(text.split('请').length).toBe(2)
    }

    // Only its author edits a message, in place (the editor is bound to its Y.XmlText).
    const viewerReply = viewer.locator('[data-testid="thread-view"] [data-testid="message"]').nth(1)
    expect(await viewerReply.locator('button').count()).toBe(0)
    const salesReply = sales.locator('[data-testid="thread-view"] [data-testid="message"]').nth(1)
    await salesReply.locator('[data-testid="message-edit"]').click()
    await salesReply.locator('[data-testid="comment-editor"]').click()
    await sales.keyboard.press('Control+End')
    await sales.keyboard.insertText('（周五前）')
    await salesReply.locator('[data-testid="message-submit"]').click()
    await expect.poll(() => viewerReply.textContent()).toContain('（周五前）')
    // The text and the edited mark may reach the viewer in separate updates.
    await expect.poll(() => viewerReply.textContent()).toContain('(edited)')
    await sales.mouse.move(700, 400)
    await sales.mouse.wheel(220, 0)
    await sales.waitForTimeout(300)
    await sales.screenshot({ path: join(SCREENSHOTS, 'comments.png') })

    // 3. Production gets the notification, opens it and resolves the thread.
    await production.waitForSelector('[data-testid="open-notifications"][data-count="1"]')
    await production.click('[data-testid="open-notifications"]')
    await production.click('[data-testid="notification"]')
    await production.waitForSelector('[data-testid="thread-view"][data-resolved="false"]')
    await production.waitForSelector('[data-testid="open-notifications"][data-count="0"]')
    await production.click('[data-testid="thread-resolve"]')
    for (const page of [viewer, sales, production]) {
      await page.waitForSelector('[data-testid="thread-view"][data-resolved="true"]')
    }
    expect(await viewer.locator('[data-testid="thread-resolve"]').count()).toBe(0)

    // 4. The planner flags the gap, assigns production and sets a due date.
    await clickCell(planner, projected, PERIOD)
    await planner.keyboard.press('Shift+F10')
    await planner.click('[data-testid="menu-flag"]')
    await planner.waitForSelector('[data-testid="flag-form"]')
    expect(await planner.inputValue('[data-testid="flag-kind"]')).toBe('shortage')
    expect(await planner.inputValue('[data-testid="flag-severity"]')).toBe('high')
    await planner.waitForSelector(
      `[data-testid="flag-owner"] option[value="${server.users.production.id}"]`,
      { state: 'attached' },
    )
    await planner.selectOption('[data-testid="flag-owner"]', server.users.production.id)
    await planner.fill('[data-testid="flag-due"]', '2099-12-31')
    await planner.click('[data-testid="flag-submit"]')
    await planner.waitForSelector('[data-testid="flag-item"]')
    for (const page of [production, sales, viewer]) {
      await page.click('[data-testid="open-flags"]')
      const flag = page.locator('[data-testid="flag-item"]')
      await flag.waitFor()
      expect(await flag.getAttribute('data-gap-closed')).toBe('false')
      expect(await flag.locator('[data-testid="flag-owner-name"]').textContent()).toContain(
        production_,
      )
      expect(await flag.locator('[data-testid="flag-due-date"]').textContent()).toContain('2099')
      expect(await flag.locator('[data-testid="flag-thread"]').count()).toBe(1)
    }
    expect(await viewer.isDisabled('[data-testid="flag-status"]')).toBe(true)

    // 5. Production closes the gap with supply; the flag shows "gap closed", then is resolved.
    await clickCell(production, `sku:${sku}:supply`, PERIOD)
    await production.keyboard.type(String(supplyBefore + 5000))
    await production.keyboard.press('Enter')
    for (const page of [production, planner, sales]) {
      await page.waitForSelector('[data-testid="flag-item"][data-gap-closed="true"]')
    }
    expect(await cellText(planner, `sku:${sku}:gap`, PERIOD)).toBe('')
    await production.selectOption('[data-testid="flag-status"]', 'resolved')
    for (const page of everyone) {
      await page.waitForSelector('[data-testid="flag-item"][data-status="resolved"]')
    }
  })

  it('renders a hostile message as text and never runs it in another browser', async () => {
    const plan = await createPlan(server, { skuCount: 10, periodCount: PERIODS })
    const sales = await open('sales', plan.id)
    const production = await open('production', plan.id)
    const hostile = '<img src=x onerror="window.__pwned=1">'

    await clickCell(sales, 'sku:SKU-00001:demand', 2)
    await sales.keyboard.press('Control+Alt+KeyM')
    await typeInEditor(sales, '[data-testid="new-thread"]', `${hostile} `)
    await sales.click('[data-testid="link-button"]')
    await sales.fill('[data-testid="link-url"]', 'javascript:window.__pwned=1')
    await sales.click('[data-testid="link-apply"]')
    await sales.waitForSelector('[data-testid="link-error"]')
    await sales.fill('[data-testid="link-url"]', 'https://example.com/plan')
    await sales.click('[data-testid="link-apply"]')
    await sales.click('[data-testid="new-thread"] [data-testid="message-submit"]')

    await production.click('[data-testid="open-comments"]')
    await production.click('[data-testid="thread-item"]')
    const body = production.locator('[data-testid="thread-view"] .message-body')
    await expect.poll(() => body.textContent()).toContain(hostile)
    expect(await body.locator('img').count()).toBe(0)
    expect(await production.locator('img[src="x"]').count()).toBe(0)
    expect(await body.locator('a').getAttribute('href')).toBe('https://example.com/plan')

    // A crafted update with a javascript: link, sent past the UI, is refused by the server.
    const crafted = connectStockClient(server.syncUrl, plan.id, {
      token: server.tokens.sales,
      ext: true,
      reconnect: false,
    })
    await crafted.synced()
    const [threadId] = [...crafted.plan.comments.keys()]
    crafted.doc.transact(() => {
      const message = addMessage(crafted.plan, threadId, {
        id: 'm-crafted',
        author: server.users.sales.id,
        now: new Date().toISOString(),
      })
      const link = new Y.XmlText()
      link.setAttribute('type', 'link')
      link.setAttribute('url', 'javascript:window.__pwned=1')
      link.insert(0, 'click me')
      message.insertEmbed(0, link)
    })
    await expect.poll(() => crafted.extensions.map((m) => m.type)).toContain('rejected')
    crafted.destroy()
    await production.waitForTimeout(500)
    expect(
      await production.locator('[data-testid="thread-view"] [data-testid="message"]').count(),
    ).toBe(1)
    expect(await production.locator('a[href^="javascript"]').count()).toBe(0)
    expect(
      await production.evaluate(() => (window as { __pwned?: unknown }).__pwned),
    ).toBeUndefined()
    expect(await sales.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()

    // Only its author deletes a message; the others see that it was deleted.
    expect(await production.locator('[data-testid="message-delete"]').count()).toBe(0)
    await sales.click('[data-testid="message-delete"]')
    await expect
      .poll(() => production.textContent('[data-testid="thread-view"] [data-testid="message"]'))
      .toContain('This message was deleted.')
  })
})
