import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
  clickCell,
  createPlan,
  openBoard,
  personContext,
  readCell,
  useE2ESuite,
  waitUntil,
} from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

const FAMILY = 'Sparkling Water'
const SKUS = Array.from({ length: 20 }, (_, i) => `SKU-${String(i + 1).padStart(5, '0')}`)

async function plannerBoard(): Promise<Page> {
  const plan = await createPlan(server, { skuCount: 20, periodCount: 12 })
  const context = track(await personContext(browser, server, { account: 'planner' }))
  return openBoard(context, server.url, plan.id)
}

async function paste(page: Page, row: string, period: number, rows: string[][]): Promise<void> {
  await clickCell(page, row, period)
  const tsv = rows.map((cells) => cells.join('\t')).join('\n')
  await page.evaluate((text) => navigator.clipboard.writeText(text), tsv)
  await page.keyboard.press('Control+V')
}

async function allCells(page: Page, period: number): Promise<number[]> {
  return page.evaluate(
    ([skus, p]) =>
      skus.flatMap((sku) => [
        window.__tandem!.readCell('demand', sku, p),
        window.__tandem!.readCell('supply', sku, p),
      ]),
    [SKUS, period] as const,
  )
}

describe('paste, like a spreadsheet', () => {
  it('writes only the SKU cells a block covers, skips family and computed rows, says so, and undoes in one step', async () => {
    const page = await plannerBoard()
    const keys = await page.evaluate(() => window.__tandem!.rowKeys())
    expect(keys.slice(0, 8)).toEqual([
      `family:${FAMILY}:demand`,
      `family:${FAMILY}:supply`,
      `family:${FAMILY}:projected`,
      `family:${FAMILY}:shortage`,
      'sku:SKU-00001:demand',
      'sku:SKU-00001:supply',
      'sku:SKU-00001:projected',
      'sku:SKU-00001:gap',
    ])
    const before = [await allCells(page, 3), await allCells(page, 4)]
    const block = Array.from({ length: 8 }, (_, r) => [String(1401 + r), String(2401 + r)])
    await paste(page, `family:${FAMILY}:demand`, 3, block)

    await waitUntil(page, () => window.__tandem?.readCell('supply', 'SKU-00001', 4) === 2406)
    expect(await readCell(page, 'demand', 'SKU-00001', 3)).toBe(1405)
    expect(await readCell(page, 'demand', 'SKU-00001', 4)).toBe(2405)
    expect(await readCell(page, 'supply', 'SKU-00001', 3)).toBe(1406)
    const after = [await allCells(page, 3), await allCells(page, 4)]
    for (const p of [0, 1]) {
      // Only SKU-00001's demand and supply (the first two entries) changed; no other SKU did.
      expect(after[p].slice(2)).toEqual(before[p].slice(2))
    }
    const notice = page.locator('[data-testid="notice"]').last()
    await expect
      .poll(() => notice.textContent())
      .toContain('Pasted: 4 cells changed. Skipped 12 values: 8 in computed rows, 4 in family rows')

    await clickCell(page, 'sku:SKU-00003:demand', 1)
    await page.keyboard.press('Control+Z')
    await waitUntil(page, () => window.__tandem?.readCell('supply', 'SKU-00001', 4) !== 2406)
    expect([await allCells(page, 3), await allCells(page, 4)]).toEqual(before)
  })

  it('spreads a block of family rows alone, counting every SKU cell it changed', async () => {
    const page = await plannerBoard()
    await paste(page, `family:${FAMILY}:demand`, 2, [['20000'], ['30000'], ['5'], ['6']])
    await waitUntil(
      page,
      () => window.__tandem?.cellText('family:Sparkling Water:supply', 2) === '30,000',
    )
    const demand = await page.evaluate(
      (skus) => skus.reduce((sum, sku) => sum + window.__tandem!.readCell('demand', sku, 2), 0),
      SKUS,
    )
    expect(demand).toBe(20000)
    const text = await page.locator('[data-testid="notice"]').last().textContent()
    const changed = Number(/Pasted: (\d+) cells changed/.exec(text ?? '')?.[1])
    expect(changed).toBeGreaterThan(20)
    expect(text).toContain('Skipped 2 values: 2 in computed rows.')
  })

  it('tells a Chinese-speaking planner the same in zh-CN', async () => {
    const plan = await createPlan(server, { skuCount: 20, periodCount: 12 })
    const context = track(
      await personContext(browser, server, { account: 'planner', language: 'zh-CN' }),
    )
    const page = await openBoard(context, server.url, plan.id)
    await paste(page, 'sku:SKU-00001:supply', 5, [['7'], ['8']])
    await waitUntil(page, () => window.__tandem?.readCell('supply', 'SKU-00001', 5) === 7)
    await expect
      .poll(() => page.locator('[data-testid="notice"]').last().textContent())
      .toContain('已粘贴：更改了 1 个单元格。 跳过 1 个值：1 个在计算行中。')
  })
})
