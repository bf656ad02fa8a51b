import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
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
  typeInto,
  useE2ESuite,
  waitForGrid,
  waitUntil,
} from './harness.js'

const ROW = 'sku:SKU-00001:demand'
const PERIOD = 2

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

async function person(account: 'planner' | 'sales'): Promise<BrowserContext> {
  const context = await personContext(browser, server, { account })
  track(context)
  return context
}

async function cellCentre(page: Page, row: string, period: number) {
  const bounds = await page.evaluate(([r, p]) => window.__tandem?.cellBounds(r, p), [
    row,
    period,
  ] as const)
  if (!bounds) throw new Error(`no cell ${row} ${period}`)
  return { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 }
}

/** The live plan as CSV from the server, for comparing two plans value by value. */
async function planCsv(planId: string): Promise<string> {
  const response = await fetch(`${server.url}/api/plans/${planId}/export.csv`, {
    headers: server.headers('planner'),
  })
  expect(response.status).toBe(200)
  return response.text()
}

async function planCount(): Promise<number> {
  const response = await fetch(`${server.url}/api/plans`, { headers: server.headers('planner') })
  return ((await response.json()) as { plans: unknown[] }).plans.length
}

describe('versions, history and Excel, with a planner and a sales user', () => {
  it('publishes, compares a sales edit, restores it, and shows who changed the cell', async () => {
    const plan = await createPlan(server, { skuCount: 10, periodCount: 8 }, 'Versions plan')
    const planner = await openBoard(await person('planner'), server.url, plan.id)
    const sales = await openBoard(await person('sales'), server.url, plan.id)
    const before = await readCell(planner, 'demand', 'SKU-00001', PERIOD)

    await planner.click('[data-testid="versions-button"]')
    await planner.fill('[data-testid="publish-name"]', 'Consensus plan, Dec 2026')
    await planner.fill('[data-testid="publish-note"]', 'Agreed in the executive S&OP')
    await planner.click('[data-testid="publish"]')
    const version = planner.locator(
      '[data-testid^="version-"][data-name="Consensus plan, Dec 2026"]',
    )
    await version.waitFor()
    expect(await version.textContent()).toContain(nameOf('planner'))
    const versionId = (await version.getAttribute('data-testid'))!.slice('version-'.length)

    await typeInto(sales, ROW, PERIOD, String(before + 1234))
    await waitUntil(
      planner,
      () => window.__tandem?.readCell('demand', 'SKU-00001', 2) !== undefined,
    )
    await planner.waitForFunction(
      (value) => window.__tandem?.readCell('demand', 'SKU-00001', 2) === value,
      before + 1234,
    )

    await planner.click(`[data-testid="compare-${versionId}"]`)
    await waitUntil(planner, () => window.__tandem?.changedCells() === 1)
    const format = new Intl.NumberFormat('en')
    const expected = `${format.format(before)} → ${format.format(before + 1234)}`
    expect(await planner.evaluate(() => window.__tandem?.changeAt('sku:SKU-00001:demand', 2))).toBe(
      expected,
    )
    const summary = planner.locator('[data-testid="compare-totals"]')
    await summary.waitFor()
    const demandTotal = summary.locator('tr', { hasText: 'Demand' }).first()
    expect(await demandTotal.textContent()).toContain('+1,234')

    const centre = await cellCentre(planner, ROW, PERIOD)
    await planner.mouse.move(centre.x, centre.y)
    const tooltip = planner.locator('[data-testid="change-tooltip"]')
    await tooltip.waitFor()
    expect(await tooltip.textContent()).toBe(expected)
    await planner.screenshot({ path: join(SCREENSHOTS, 'versions.png') })

    await planner.click('[data-testid="changed-only"]')
    await waitUntil(planner, () =>
      (window.__tandem?.rowKeys() ?? []).every((key) => !key.startsWith('sku:SKU-00002')),
    )
    await planner.click('[data-testid="changed-only"]')

    await planner.click(`[data-testid="restore-${versionId}"]`)
    await planner.click('[data-testid="restore-confirmed"]')
    await expect.poll(() => planner.textContent('.notices')).toContain('Restored 1 cell')
    for (const page of [planner, sales]) {
      await page.waitForFunction(
        (value) => window.__tandem?.readCell('demand', 'SKU-00001', 2) === value,
        before,
      )
    }
    await waitUntil(planner, () => window.__tandem?.changedCells() === 0)

    const cell = await cellCentre(planner, ROW, PERIOD)
    await planner.mouse.click(cell.x, cell.y, { button: 'right' })
    await planner.click('[data-testid="menu-history"]')
    const history = planner.locator('[data-testid="cell-history"]')
    await history.locator('tbody tr').nth(1).waitFor()
    const text = await history.textContent()
    expect(text).toContain(nameOf('sales'))
    expect(text).toContain(nameOf('planner'))
    expect(text).toContain(format.format(before + 1234))
    await planner.keyboard.press('Escape')
    await history.waitFor({ state: 'detached' })

    await typeInto(sales, ROW, PERIOD, String(before + 7))
    await planner.waitForFunction(
      (value) => window.__tandem?.readCell('demand', 'SKU-00001', 2) === value,
      before + 7,
    )
    await version.getByRole('button', { name: 'Open' }).click()
    await planner.locator('[data-testid="version-banner"]').waitFor()
    await waitUntil(planner, () => window.__tandem?.shownVersion() === 'Consensus plan, Dec 2026')
    expect(await cellText(planner, ROW, PERIOD)).toBe(format.format(before))
    await clickCell(planner, ROW, PERIOD)
    await planner.keyboard.type('9')
    await expect.poll(() => planner.textContent('.notices')).toContain('read-only')
    await planner.getByRole('button', { name: 'Back to the live plan' }).click()
    await waitUntil(planner, () => window.__tandem?.shownVersion() === undefined)
    expect(await cellText(planner, ROW, PERIOD)).toBe(format.format(before + 7))

    await version.getByRole('button', { name: 'Roll forward' }).click()
    await planner.getByRole('button', { name: "Create next cycle's plan" }).click()
    await planner.waitForURL((url) => !url.pathname.endsWith(plan.id))
    expect(new URL(planner.url()).pathname).toMatch(/^\/plans\//)
  })

  it('refuses a bad file naming the row and column, and re-imports an export as the same plan', async () => {
    const plan = await createPlan(server, { skuCount: 6, periodCount: 6 }, 'Excel plan')
    const context = await person('planner')
    const planner = await openBoard(context, server.url, plan.id)
    const before = await readCell(planner, 'demand', 'SKU-00001', 1)
    await planner.click('[data-testid="versions-button"]')
    await planner.click('[data-testid="tab-excel"]')

    const csv = await planCsv(plan.id)
    const lines = csv.trimEnd().split(/\r?\n/)
    const row = lines.findIndex((line) => line.includes('SKU-00001') && /demand/i.test(line))
    const cells = lines[row].split(',')
    cells[cells.length - 1] = 'lots'
    lines[row] = cells.join(',')
    await planner.setInputFiles('[data-testid="update-file"]', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    })
    const error = planner.locator('[data-testid="upload-error"]')
    await error.waitFor()
    const message = await error.textContent()
    expect(message).toContain(`row ${row + 1}`)
    expect(message).toMatch(/column [A-Z]+/)
    expect(await readCell(planner, 'demand', 'SKU-00001', 1)).toBe(before)
    expect(await planCsv(plan.id)).toBe(csv)

    const good = csv.trimEnd().split(/\r?\n/)
    const goodCells = good[row].split(',')
    goodCells[goodCells.length - 1] = '4242'
    good[row] = goodCells.join(',')
    await planner.setInputFiles('[data-testid="update-file"]', {
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good.join('\n')),
    })
    const preview = planner.locator('[data-testid="import-preview"]')
    await preview.waitFor()
    expect(await preview.textContent()).toContain('4,242')
    expect(await planCsv(plan.id)).toBe(csv)
    await planner.click('[data-testid="apply-import"]')
    await planner.waitForFunction(
      () => window.__tandem?.readCell('demand', 'SKU-00001', 5) === 4242,
    )
    const updated = await planCsv(plan.id)

    const [download] = await Promise.all([
      planner.waitForEvent('download'),
      planner.click('[data-testid="export-xlsx"]'),
    ])
    const file = await readFile((await download.path())!)
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)

    await planner.goto(server.url)
    const plansBefore = await planCount()
    await planner.setInputFiles('[data-testid="import-file"]', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    })
    await planner.click('[data-testid="import-submit"]')
    const refused = planner.locator('[data-testid="import-plan"] [data-testid="upload-error"]')
    await refused.waitFor()
    expect(await refused.textContent()).toContain(`row ${row + 1}`)
    expect(await planCount()).toBe(plansBefore)
    await planner.setInputFiles('[data-testid="import-file"]', {
      name: 'round-trip.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    })
    await planner.click('[data-testid="import-submit"]')
    await planner.waitForURL(
      (url) => url.pathname.startsWith('/plans/') && !url.pathname.endsWith(plan.id),
    )
    await planner.goto(`${planner.url()}?debug=1`)
    await waitForGrid(planner)
    const imported = decodeURIComponent(new URL(planner.url()).pathname.split('/')[2])
    expect(imported).not.toBe(plan.id)
    expect(await planCsv(imported)).toBe(updated)
    expect(await readCell(planner, 'demand', 'SKU-00001', 1)).toBe(before)
    expect(await readCell(planner, 'demand', 'SKU-00001', 5)).toBe(4242)
  })
})
