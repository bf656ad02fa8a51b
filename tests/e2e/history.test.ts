import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
  clickCell,
  createPlan,
  nameOf,
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

const ROW = 'sku:SKU-00002:demand'
const PERIOD = 3

async function saved(page: Page): Promise<void> {
  await expect
    .poll(() => page.textContent('[data-testid="save-state"]'), { timeout: 15_000 })
    .toBe('All changes saved')
}

async function openHistory(page: Page): Promise<ReturnType<Page['locator']>> {
  const bounds = await page.evaluate(([r, p]) => window.__tandem!.cellBounds(r, p), [
    ROW,
    PERIOD,
  ] as const)
  await page.mouse.click(bounds!.x + bounds!.width / 2, bounds!.y + bounds!.height / 2, {
    button: 'right',
  })
  await page.click('[data-testid="menu-history"]')
  const dialog = page.locator('[data-testid="cell-history"]')
  await dialog.locator('[data-testid="history-base"]').waitFor()
  return dialog
}

describe('per-cell history fit for an audit', () => {
  it('lists both people who typed into one cell at once with their own values, the source, the old value and the base', async () => {
    const plan = await createPlan(server, { skuCount: 20, periodCount: 12 })
    const planner = await openBoard(
      track(await personContext(browser, server, { account: 'planner' })),
      server.url,
      plan.id,
    )
    const sales = await openBoard(
      track(await personContext(browser, server, { account: 'sales' })),
      server.url,
      plan.id,
    )
    const base = await readCell(planner, 'demand', 'SKU-00002', PERIOD)

    for (const page of [planner, sales]) {
      await page.context().setOffline(true)
      await page.waitForSelector('[data-testid="connection-status"][data-status="offline"]')
    }
    await typeInto(planner, ROW, PERIOD, '111')
    await typeInto(sales, ROW, PERIOD, '222')
    await planner.context().setOffline(false)
    await saved(planner)
    await sales.context().setOffline(false)
    await saved(sales)
    const kept = await readCell(sales, 'demand', 'SKU-00002', PERIOD)
    expect([111, 222]).toContain(kept)
    await expect.poll(() => readCell(planner, 'demand', 'SKU-00002', PERIOD)).toBe(kept)

    await clickCell(planner, ROW, PERIOD)
    await planner.evaluate(() => navigator.clipboard.writeText('333'))
    await planner.keyboard.press('Control+V')
    await waitUntil(sales, () => window.__tandem?.readCell('demand', 'SKU-00002', 3) === 333)
    await saved(planner)

    const dialog = await openHistory(planner)
    const rows = dialog.locator('[data-testid="history-entry"]')
    await expect.poll(() => rows.count()).toBe(3)
    const cells = async (i: number) =>
      (await rows.nth(i).locator('td').allTextContents()).map((text) => text.trim())
    const [pasted, second, first] = [await cells(0), await cells(1), await cells(2)]
    expect(pasted.slice(1)).toEqual([
      nameOf('planner'),
      'Paste',
      kept === 111 ? '111' : '222',
      '333',
      '',
      // No override reason: it was not given (tests/e2e/forecast.test.ts covers one).
      '',
    ])
    expect(first.slice(1, 5)).toEqual([
      nameOf('planner'),
      'Typed in the grid',
      base.toLocaleString('en-US'),
      '111',
    ])
    expect(second.slice(1, 5)).toEqual([nameOf('sales'), 'Typed in the grid', '111', '222'])
    expect(first[5]).toBe('')
    // Sales' 222 arrived second: when Yjs kept the planner's concurrent 111, the entry says so.
    expect(second[5]).toBe(
      kept === 111 ? 'Someone else wrote this cell at the same moment; the cell kept 111' : '',
    )
    expect(await dialog.locator('[data-testid="history-base"]').textContent()).toContain(
      base.toLocaleString('en-US'),
    )
    await planner.screenshot({ path: join(SCREENSHOTS, 'cell-history.png') })
    // Escape closes the dialog, as any dialog does for a keyboard user.
    await planner.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
  })

  it('names where each change came from: family spread, file import, version restored, fill, in English and Chinese', async () => {
    const plan = await createPlan(server, { skuCount: 20, periodCount: 12 })
    const planner = await openBoard(
      track(await personContext(browser, server, { account: 'planner' })),
      server.url,
      plan.id,
    )
    await planner.click('[data-testid="versions-button"]')
    await planner.fill('[data-testid="publish-name"]', 'Before the changes')
    await planner.click('[data-testid="publish"]')
    const version = planner.locator('[data-testid^="version-"][data-name="Before the changes"]')
    await version.waitFor()
    const versionId = (await version.getAttribute('data-testid'))!.slice('version-'.length)
    const base = await readCell(planner, 'demand', 'SKU-00002', PERIOD)
    await planner.click('[data-testid="versions-button"]')
    await planner.locator('[data-testid="tab-excel"]').waitFor({ state: 'detached' })

    // A family total typed over the family's SKUs.
    await typeInto(planner, 'family:Sparkling Water:demand', PERIOD, '40000')
    await waitUntil(
      planner,
      () => window.__tandem?.cellText('family:Sparkling Water:demand', 3) === '40,000',
    )
    const spread = await readCell(planner, 'demand', 'SKU-00002', PERIOD)

    // An update from a file that changes the cell.
    const response = await fetch(`${server.url}/api/plans/${plan.id}/export.csv`, {
      headers: server.headers('planner'),
    })
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/)
    const header = lines[0].split(',')
    const row = lines.findIndex((line) => line.includes('SKU-00002') && /demand/i.test(line))
    const cells = lines[row].split(',')
    const column = header.length - 12 + PERIOD
    cells[column] = String(spread + 5)
    const file = [lines[0], cells.join(',')].join('\n')
    await planner.click('[data-testid="versions-button"]')
    await planner.click('[data-testid="tab-excel"]')
    await planner.setInputFiles('[data-testid="update-file"]', {
      name: 'update.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file),
    })
    await planner.locator('[data-testid="import-preview"]').waitFor()
    await planner.click('[data-testid="apply-import"]')
    await waitUntil(
      planner,
      () => window.__tandem?.readCell('demand', 'SKU-00002', 3) !== undefined,
    )
    await expect.poll(() => readCell(planner, 'demand', 'SKU-00002', PERIOD)).toBe(spread + 5)

    // The version from before, restored.
    await planner.click('[data-testid="tab-versions"]')
    await planner.click(`[data-testid="restore-${versionId}"]`)
    await planner.click('[data-testid="restore-confirmed"]')
    await expect.poll(() => readCell(planner, 'demand', 'SKU-00002', PERIOD)).toBe(base)
    await saved(planner)
    await planner.click('[data-testid="versions-button"]')
    await planner.locator('[data-testid="tab-excel"]').waitFor({ state: 'detached' })

    // My own restore and import are not a colleague replacing my values.
    expect(await planner.locator('[data-testid="notice"][data-tone="conflict"]').count()).toBe(0)
    const sources = async () => {
      const dialog = await openHistory(planner)
      await expect
        .poll(() => dialog.locator('[data-testid="history-entry"]').count())
        .toBeGreaterThanOrEqual(3)
      const rows = dialog.locator('[data-testid="history-entry"]')
      const entries = []
      for (let i = 0; i < 3; i++) {
        const texts = (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim())
        entries.push(texts.slice(1, 5))
      }
      await dialog.locator('.dialog-actions button').click()
      return entries
    }
    const n = (value: number) => value.toLocaleString('en-US')
    expect(await sources()).toEqual([
      [nameOf('planner'), 'Version restored', n(spread + 5), n(base)],
      [nameOf('planner'), 'File import', n(spread), n(spread + 5)],
      [nameOf('planner'), 'Family spread', n(base), n(spread)],
    ])
    // A fill right over one cell is a fill, not a value typed in the grid.
    await clickCell(planner, ROW, PERIOD - 1)
    await planner.keyboard.press('Shift+ArrowRight')
    await planner.keyboard.press('Control+R')
    const left = await readCell(planner, 'demand', 'SKU-00002', PERIOD - 1)
    await expect.poll(() => readCell(planner, 'demand', 'SKU-00002', PERIOD)).toBe(left)
    const filled = await openHistory(planner)
    await expect.poll(() => filled.locator('[data-testid="history-entry"]').count()).toBe(4)
    expect(
      await filled.locator('[data-testid="history-entry"]').first().locator('td').allTextContents(),
    ).toEqual(expect.arrayContaining(['Fill', n(base), n(left)]))
    await filled.locator('.dialog-actions button').click()
    await planner.selectOption('[data-testid="language-switch"]', 'zh-CN')
    await planner.waitForFunction(() => document.documentElement.lang === 'zh-CN')
    expect((await sources()).map((entry) => entry[1])).toEqual(['填充', '恢复版本', '文件导入'])
  })
})
