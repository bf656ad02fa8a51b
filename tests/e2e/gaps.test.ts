import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeCells } from '@tandem/shared'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import type { E2EServer } from './harness.js'
import {
  cellColour,
  cellText,
  clickCell,
  createPlan,
  openBoard,
  personContext,
  SCREENSHOTS,
  useE2ESuite,
  waitUntil,
} from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

/** The first SKU on the board: family Juice sorts before Sparkling Water. */
const SKU = 'SKU-00002'
const FAMILY = 'Juice'
const SHORTAGE_BG = [0xf9, 0xc9, 0xc9]
const OVER_CAPACITY_BG = [0xe4, 0xd1, 0xf6]
const WHITE = [0xff, 0xff, 0xff]
const en = new Intl.NumberFormat('en-US')

/**
 * A 30-SKU plan (two families) where SKU-00002 opens with 300, has safety stock 200 and
 * maximum 800, sells 100 a week and receives nothing in the first four weeks: 200, 100, 0,
 * -100. Its resource gets a capacity 15 % under what it needs in week 5.
 */
async function plannedBoard(): Promise<{
  page: Page
  resource: string
  required: number
  capacity: number
}> {
  const plan = await createPlan(server, { skuCount: 30, periodCount: 12 })
  const setup = connectStockClient(server.syncUrl, plan.id, {
    token: server.tokens.planner,
    ext: true,
  })
  await setup.synced()
  const item = setup.plan.items.get(SKU)!
  const resource = item.get('resource') as string
  setup.doc.transact(() => {
    item.set('openingStock', 300)
    item.set('safetyStock', 200)
    item.set('maxStock', 800)
  })
  writeCells(
    setup.plan,
    [0, 1, 2, 3].flatMap((period) => [
      { measure: 'demand' as const, key: SKU, period, value: 100 },
      { measure: 'supply' as const, key: SKU, period, value: 0 },
    ]),
  )
  let required = 0
  for (const sku of setup.plan.listSkus()) {
    if (setup.plan.items.get(sku)?.get('resource') === resource)
      required += setup.plan.readCell('supply', sku, 4)
  }
  const capacity = Math.floor(required / 1.15)
  writeCells(setup.plan, [{ measure: 'capacity', key: resource, period: 4, value: capacity }])
  const clock = Y.getState(setup.doc.store, setup.doc.clientID)
  await waitFor(
    () =>
      setup.extensions.some(
        (m) =>
          m.type === 'saved' &&
          Y.decodeStateVector(m.stateVector).get(setup.doc.clientID) === clock,
      ),
    5000,
    'set-up saved',
  )
  setup.destroy()
  const context = track(await personContext(browser, server, { account: 'planner' }))
  const page = await openBoard(context, server.url, plan.id)
  await waitUntil(page, () => window.__tandem?.readCell('demand', 'SKU-00002', 3) === 100)
  return { page, resource, required, capacity }
}

async function hover(page: Page, row: string, period: number): Promise<string> {
  const bounds = await page.evaluate(([r, p]) => window.__tandem!.cellBounds(r, p), [
    row,
    period,
  ] as const)
  await page.mouse.move(bounds!.x + bounds!.width / 2, bounds!.y + bounds!.height / 2)
  const tooltip = page.locator('[data-testid="gap-tooltip"][data-source="hover"]')
  await tooltip.waitFor()
  return (await tooltip.textContent()) ?? ''
}

const periodPattern = /\((W\d+ · [A-Z][a-z]{2} \d+)\)$/

describe('gaps explain themselves', () => {
  it('says what the gap is on hover, on keyboard focus and from the cell menu', async () => {
    const { page } = await plannedBoard()
    const below = await hover(page, `sku:${SKU}:projected`, 1)
    expect(below).toMatch(/^Projected inventory 100 is below safety stock 200 by 100 \(W\d+ · /)
    expect(below).toMatch(periodPattern)
    expect(await hover(page, `sku:${SKU}:gap`, 2)).toMatch(
      /^Projected inventory 0 is below safety stock 200 by 200 \(/,
    )
    expect(await hover(page, `sku:${SKU}:projected`, 3)).toMatch(
      /^Projected inventory -100 is below zero by 100 \(/,
    )
    // The Gap row: the shortfall against safety stock (amber), against zero for a shortage (red).
    expect(await cellText(page, `sku:${SKU}:gap`, 1)).toBe('-100')
    expect(await cellText(page, `sku:${SKU}:gap`, 3)).toBe('-100')
    expect(await cellColour(page, `sku:${SKU}:gap`, 3)).toEqual(SHORTAGE_BG)
    await page.screenshot({ path: join(SCREENSHOTS, 'gap-explanation.png') })

    await page.mouse.move(5, 5)
    await clickCell(page, `sku:${SKU}:projected`, 0)
    await page.mouse.move(5, 5)
    await page.keyboard.press('ArrowRight')
    const focused = page.locator('[data-testid="gap-tooltip"][data-source="focus"]')
    await focused.waitFor()
    expect(await focused.textContent()).toBe(below)

    await page.keyboard.press('Shift+F10')
    await page.click('[data-testid="menu-explain"]')
    await expect.poll(() => page.locator('[data-testid="notice"]').last().textContent()).toBe(below)
  })

  it('says in the legend what the Gap row means, on hover and on keyboard focus, in English and Chinese', async () => {
    const plan = await createPlan(server, { skuCount: 4, periodCount: 6 })
    for (const [language, words] of [
      [
        'en',
        'The Gap row shows the shortfall against safety stock (amber), or against zero for a shortage (red)',
      ],
      ['zh-CN', '缺口行'],
    ] as const) {
      const context = track(await personContext(browser, server, { account: 'viewer', language }))
      const page = await openBoard(context, server.url, plan.id)
      const meaning = page.locator('[data-testid="gap-meaning-text"]')
      expect(await meaning.count()).toBe(0)
      await page.hover('[data-testid="gap-meaning"]')
      expect(await meaning.textContent()).toContain(words)
      await page.mouse.move(5, 400)
      await meaning.waitFor({ state: 'detached' })
      await page.focus('[data-testid="gap-count-excess"]')
      await page.keyboard.press('Tab')
      await meaning.waitFor()
      expect(await meaning.isVisible()).toBe(true)
      expect(await meaning.textContent()).toContain(words)
    }
  })

  it('marks over capacity on the resource and its load, not on SKU supply rows, and explains it', async () => {
    const { page, resource, required, capacity } = await plannedBoard()
    const load = `resource:${resource}:load`
    // The resources are at the bottom of the board: go there as a keyboard user would.
    await clickCell(page, `sku:${SKU}:demand`, 4)
    await page.keyboard.press('Control+ArrowDown')
    await page.mouse.move(5, 5)
    expect(await cellColour(page, load, 4)).toEqual(OVER_CAPACITY_BG)
    expect(await cellColour(page, `resource:${resource}:capacity`, 4)).toEqual(OVER_CAPACITY_BG)
    const keys = await page.evaluate(() => window.__tandem!.rowKeys())
    for (const key of keys
      .filter((k) => k.endsWith(':supply') && k.startsWith('sku:'))
      .slice(0, 6)) {
      expect(await cellColour(page, key, 4)).not.toEqual(OVER_CAPACITY_BG)
    }
    const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 })
    const text = await hover(page, load, 4)
    expect(text).toMatch(
      new RegExp(
        `^Resource .+ is at ${percent.format(required / capacity)} of capacity in W\\d+ · [A-Z][a-z]{2} \\d+: ${en.format(required)} of ${en.format(capacity)}$`,
      ),
    )
  })

  it('shows beside each family sum the shortage it hides and the SKUs short, and a grand total', async () => {
    const { page } = await plannedBoard()
    const keys = await page.evaluate(() => window.__tandem!.rowKeys())
    expect(keys.slice(0, 4)).toEqual([
      'total:demand',
      'total:supply',
      'total:projected',
      'total:shortage',
    ])
    const family = `family:${FAMILY}:shortage`
    const familyProjected = `family:${FAMILY}:projected`
    const sum = Number((await cellText(page, familyProjected, 3))?.replaceAll(',', ''))
    expect(sum).toBeGreaterThan(0)
    expect(await cellText(page, family, 3)).toBe('-100 · 1 SKU')
    expect(await cellColour(page, familyProjected, 3)).toEqual(SHORTAGE_BG)
    expect(await cellText(page, family, 1)).toBe('')
    expect(await cellText(page, 'total:shortage', 3)).toBe('-100 · 1 SKU')
    expect(await hover(page, familyProjected, 3)).toMatch(
      /^1 SKU of .+ is short in W\d+ · [A-Z][a-z]{2} \d+: -100 in total$/,
    )
  })

  it('filters by a gap badge and shows safety and maximum stock rows on demand', async () => {
    const { page } = await plannedBoard()
    const skuRows = () =>
      page.evaluate(() => (window.__tandem?.rowKeys() ?? []).filter((k) => k.startsWith('sku:')))
    const all = (await skuRows()).length
    await page.click('[data-testid="gap-count-shortage"]')
    await expect.poll(async () => (await skuRows()).length).toBeLessThan(all)
    expect(await skuRows()).toContain(`sku:${SKU}:gap`)
    expect(await page.getAttribute('[data-testid="gap-count-shortage"]', 'aria-pressed')).toBe(
      'true',
    )
    await page.click('[data-testid="gap-count-shortage"]')
    await waitUntil(page, () => (window.__tandem?.rowKeys() ?? []).includes('sku:SKU-00030:demand'))

    await page.click('[data-testid="rows-stockLimits"]')
    await waitUntil(page, () =>
      (window.__tandem?.rowKeys() ?? []).includes('sku:SKU-00001:maxStock'),
    )
    expect(await cellText(page, `sku:${SKU}:safetyStock`, 5)).toBe('200')
    expect(await cellText(page, `sku:${SKU}:maxStock`, 5)).toBe('800')
    expect(await cellColour(page, `sku:${SKU}:supply`, 1)).toEqual(WHITE)
  })
})
