import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import { openBoard, personContext, SCREENSHOTS, useE2ESuite, waitForGrid } from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

/** A planner's own sheet: their column names, month names in two languages, a note column. */
const OWN_FILE = [
  'Item code,Description,Jan 2026,二月 2026,2026年3月,Comment',
  'OAT-1L,Oat drink 1 l,120,130,140,ok',
  'OAT-2L,Oat drink 2 l,60,65,70,',
].join('\n')

/** Weekly headers as planners write them: Chinese and English ISO weeks, and dates. */
const WEEKS_FILE = [
  '物料,名称,指标,2026年第5周,第6周 2026,Week 7 2026,2026年2月16日,"Feb 23, 2026"',
  'TEA-1,Green tea,需求,10,11,12,13,14',
].join('\n')

describe('importing my own spreadsheet', () => {
  it('reads ISO weeks and dates written in Chinese and English as the weeks they are', async () => {
    const context = track(await personContext(browser, server, { account: 'planner' }))
    const page = await context.newPage()
    await page.goto(`${server.url}/?debug=1`)
    await page.locator('[data-testid="import-plan"] input').first().fill('Weeks in two languages')
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'weeks.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(WEEKS_FILE),
    })
    await page.click('[data-testid="import-submit"]')
    await page.waitForURL(/\/plans\//)
    await page.goto(`${page.url()}?debug=1`)
    await waitForGrid(page)
    expect(await page.textContent('.horizon')).toBe('5 weeks from Jan 26, 2026')
    const values = await page.evaluate(() =>
      [0, 1, 2, 3, 4].map((p) => window.__tandem!.readCell('demand', 'TEA-1', p)),
    )
    expect(values).toEqual([10, 11, 12, 13, 14])
  })

  it('lists every header problem at once, then imports with the columns mapped', async () => {
    const context = track(await personContext(browser, server, { account: 'planner' }))
    const page = await context.newPage()
    await page.goto(`${server.url}/?debug=1`)
    await page.locator('[data-testid="import-plan"] input').first().fill('My own sheet')
    await page.setInputFiles('[data-testid="import-file"]', {
      name: 'own.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(OWN_FILE),
    })
    await page.click('[data-testid="import-submit"]')
    await page.locator('[data-testid="column-mapping"]').waitFor()
    const problems = await page.locator('[data-testid="upload-error"] li').allTextContents()
    expect(problems).toHaveLength(5)
    expect(problems[0]).toContain('Item code')
    expect(problems.filter((text) => text.includes('no SKU column'))).toHaveLength(1)
    expect(await page.textContent('[data-testid="upload-error"]')).toContain('(5 problems)')
    expect(await page.inputValue('[data-testid="mapping-column-6"]')).toBe('ignore')
    expect(
      await page.locator('[data-testid="mapping-column-4"] option[value="auto"]').textContent(),
    ).toBe('As the header says: period 2026-02')

    await page.selectOption('[data-testid="mapping-column-1"]', 'sku')
    await page.selectOption('[data-testid="mapping-column-2"]', 'name')
    await page.selectOption('[data-testid="mapping-measure"]', 'demand')
    await page
      .locator('[data-testid="import-plan"]')
      .screenshot({ path: join(SCREENSHOTS, 'import-mapping.png') })
    await page.click('[data-testid="mapping-apply"]')

    await page.waitForURL(/\/plans\//)
    await page.goto(`${page.url()}?debug=1`)
    await waitForGrid(page)
    expect(await page.textContent('[data-testid="plan-name"]')).toBe('My own sheet')
    expect(await page.textContent('.horizon')).toBe('3 months from Jan 1, 2026')
    expect(await page.evaluate(() => window.__tandem!.readCell('demand', 'OAT-1L', 1))).toBe(130)
    expect(await page.evaluate(() => window.__tandem!.cellText('sku:OAT-2L:demand', 2))).toBe('70')
  })

  it('updates a live plan from my own spreadsheet once its columns are mapped', async () => {
    const created = await fetch(
      `${server.url}/api/plans/import?${new URLSearchParams({
        name: 'Own sheet, updated',
        mapping: JSON.stringify({
          columns: { '1': 'sku', '2': 'name', '6': 'ignore' },
          measure: 'demand',
        }),
      })}`,
      {
        method: 'POST',
        headers: { ...server.headers('planner'), 'content-type': 'text/csv' },
        body: OWN_FILE,
      },
    )
    const planId = ((await created.json()) as { plan: { id: string } }).plan.id
    const context = track(await personContext(browser, server, { account: 'sales' }))
    const page = await openBoard(context, server.url, planId)
    await page.click('[data-testid="versions-button"]')
    await page.click('[data-testid="tab-excel"]')
    const updated = OWN_FILE.replace('120,130,140,ok', '120,155,140,raised')
    await page.setInputFiles('[data-testid="update-file"]', {
      name: 'own-updated.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(updated),
    })
    const mappingStep = page.locator(
      '[data-testid="update-from-file"] [data-testid="column-mapping"]',
    )
    await mappingStep.waitFor()
    await mappingStep.locator('[data-testid="mapping-column-1"]').selectOption('sku')
    await mappingStep.locator('[data-testid="mapping-column-2"]').selectOption('name')
    await mappingStep.locator('[data-testid="mapping-measure"]').selectOption('demand')
    await mappingStep.locator('[data-testid="mapping-apply"]').click()
    const preview = page.locator('[data-testid="import-preview"]')
    await preview.waitFor()
    expect(await preview.locator('tbody tr').allTextContents()).toEqual([
      expect.stringContaining('OAT-1L'),
    ])
    expect(await preview.textContent()).toContain('155')
    // Nothing is written before the apply.
    expect(await page.evaluate(() => window.__tandem!.readCell('demand', 'OAT-1L', 1))).toBe(130)
    await page.click('[data-testid="apply-import"]')
    await page.waitForFunction(() => window.__tandem?.readCell('demand', 'OAT-1L', 1) === 155)
    expect(await page.evaluate(() => window.__tandem!.readCell('demand', 'OAT-2L', 2))).toBe(70)
  })
})
