import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { GapKind } from '@tandem/shared'
import { GAP_KINDS, PlanDoc, PlanModel } from '@tandem/shared'
import type { E2EServer } from './harness.js'
import {
  cellText,
  clickCell,
  createPlan,
  openBoard,
  personContext,
  typeInto,
  useE2ESuite,
} from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

const PERIODS = 8

/** The plan as stored on the server. */
async function storedPlan(planId: string): Promise<PlanDoc> {
  const state = await server.store.log.loadPlan(planId)
  if (!state) throw new Error(`no plan ${planId}`)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state.snapshot)
  for (const { update } of state.updates) Y.applyUpdate(doc, update)
  return new PlanDoc(doc)
}

/** A number the grid paints in a cell (English formatting). */
async function shown(page: Page, row: string, period: number): Promise<number> {
  const text = await cellText(page, row, period)
  return Number((text ?? 'NaN').replace(/,/g, ''))
}

async function shownRow(page: Page, row: string): Promise<number[]> {
  const values: number[] = []
  for (let p = 0; p < PERIODS; p++) values.push(await shown(page, row, p))
  return values
}

/** Opens the Group & filter drop-down unless it is open. */
async function openFilters(page: Page): Promise<void> {
  if ((await page.locator('[data-testid="row-filters"][open]').count()) === 0)
    await page.click('[data-testid="row-filters-button"]')
  await page.locator('[data-testid="filter-family"]').waitFor()
}

const rowKeys = (page: Page) => page.evaluate(() => window.__tandem!.rowKeys())

async function gapCounts(page: Page): Promise<Record<GapKind, number>> {
  const counts = {} as Record<GapKind, number>
  for (const kind of GAP_KINDS)
    counts[kind] = Number(
      await page.getAttribute(`[data-testid="gap-count-${kind}"]`, 'data-count'),
    )
  return counts
}

/** Gap counts of the SKUs and resources a predicate keeps, from the stored plan. */
function expectedCounts(
  model: PlanModel,
  site: string | undefined,
  meta: ReturnType<PlanDoc['readMeta']>,
): Record<GapKind, number> {
  const counts = Object.fromEntries(GAP_KINDS.map((kind) => [kind, 0])) as Record<GapKind, number>
  const resourceSite = new Map(meta.resources.map((r) => [r.id, r.site]))
  for (const gap of model.allGaps()) {
    const at =
      gap.kind === 'overCapacity' ? resourceSite.get(gap.key) : model.sku(gap.key)?.item.site
    if (site === undefined || at === site) counts[gap.kind]++
  }
  return counts
}

describe('sites on the board', () => {
  it('enters a transfer: the shipping site goes down, the receiving site up after the lead time, the total stays', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: PERIODS })
    const stored = await storedPlan(plan.id)
    const skuAt = (site: string) => {
      const sku = stored.listSkus().find((id) => stored.readItem(id)?.site === site)
      if (!sku) throw new Error(`no SKU at ${site}`)
      return sku
    }
    const from = skuAt('SH')
    const to = skuAt('HAM')
    const planner = await openBoard(
      track(await personContext(browser, server, { account: 'planner' })),
      server.url,
      plan.id,
    )
    const viewer = await openBoard(
      track(await personContext(browser, server, { account: 'sales' })),
      server.url,
      plan.id,
    )
    const fromBefore = await shownRow(planner, `sku:${from}:projected`)
    const toBefore = await shownRow(planner, `sku:${to}:projected`)
    const totalBefore = await shownRow(planner, 'total:projected')
    // one product at two sites: while it travels, the stock is still the family's
    const family = `family:${stored.readItem(from)?.family}:projected`
    expect(stored.readItem(to)?.family).toBe(stored.readItem(from)?.family)
    const familyBefore = await shownRow(planner, family)
    expect(fromBefore.every(Number.isFinite)).toBe(true)

    await planner.click('[data-testid="rows-transfers"]')
    await planner.click('[data-testid="transfers-button"]')
    await planner.selectOption('[data-testid="transfer-fromSite"]', 'SH')
    await planner.selectOption('[data-testid="transfer-fromSku"]', from)
    await planner.selectOption('[data-testid="transfer-toSite"]', 'HAM')
    await planner.selectOption('[data-testid="transfer-toSku"]', to)
    await planner.selectOption('[data-testid="transfer-period"]', '2')
    await planner.fill('[data-testid="transfer-leadTime"]', '3')
    // A wrong quantity is refused before anything is written, naming the field and the reason.
    await planner.fill('[data-testid="transfer-quantity"]', '-40')
    await planner.click('[data-testid="transfer-submit"]')
    const error = planner.locator('[data-testid="transfer-error"]')
    await error.waitFor()
    expect(await error.getAttribute('data-field')).toBe('quantity')
    expect(await error.textContent()).toBe('Quantity: must be a number greater than 0.')
    expect((await storedPlan(plan.id)).transfers.size).toBe(0)

    await planner.fill('[data-testid="transfer-quantity"]', '40')
    await planner.click('[data-testid="transfer-submit"]')
    await expect
      .poll(() => planner.locator('[data-testid="transfer-row"]').count(), { timeout: 10_000 })
      .toBe(1)

    const expectFrom = fromBefore.map((v, p) => (p >= 2 ? v - 40 : v))
    const expectTo = toBefore.map((v, p) => (p >= 5 ? v + 40 : v))
    for (const page of [planner, viewer]) {
      await expect
        .poll(() => shownRow(page, `sku:${from}:projected`), { timeout: 15_000 })
        .toEqual(expectFrom)
      await expect
        .poll(() => shownRow(page, `sku:${to}:projected`), { timeout: 15_000 })
        .toEqual(expectTo)
      expect(await shownRow(page, 'total:projected')).toEqual(totalBefore)
      expect(await shownRow(page, family)).toEqual(familyBefore)
    }
    // The transfer rows of both SKUs show it leaving in period 2 and arriving in period 5.
    await expect
      .poll(() => shown(planner, `sku:${from}:transferOut`, 2), { timeout: 10_000 })
      .toBe(40)
    expect(await shown(planner, `sku:${to}:transferIn`, 5)).toBe(40)
    expect(await shown(planner, `sku:${to}:transferIn`, 2)).toBe(0)
    // The server validated and kept it.
    await expect
      .poll(async () => (await storedPlan(plan.id)).listTransfers().map(([, t]) => t), {
        timeout: 15_000,
      })
      .toEqual([{ fromSku: from, toSku: to, period: 2, leadTime: 3, quantity: 40 }])
  })

  it('groups by site and filters to one site: the right rows, and the gap counts and chart follow', async () => {
    const plan = await createPlan(server, { skuCount: 30, periodCount: PERIODS })
    const stored = await storedPlan(plan.id)
    const meta = stored.readMeta()
    const model = new PlanModel(stored)
    const page = await openBoard(
      track(await personContext(browser, server, { account: 'planner' })),
      server.url,
      plan.id,
    )
    expect(await gapCounts(page)).toEqual(expectedCounts(model, undefined, meta))
    // Hamburg holds some of the plan's gaps, not all: a count that ignores the filter fails.
    expect(expectedCounts(model, 'HAM', meta)).not.toEqual(expectedCounts(model, undefined, meta))

    await openFilters(page)
    await page.selectOption('[data-testid="group-by"]', 'site')
    await expect
      .poll(
        async () =>
          (await rowKeys(page)).filter((k) => k.endsWith(':demand') && k.startsWith('group:')),
        {
          timeout: 10_000,
        },
      )
      .toEqual(meta.sites.map((site) => `group:site:${site.id}:demand`))
    let site = ''
    for (const key of await rowKeys(page)) {
      if (key.startsWith('group:site:')) site = key.split(':')[2]
      if (key.startsWith('sku:')) expect(stored.readItem(key.split(':')[1])?.site).toBe(site)
    }

    await openFilters(page)
    await page.selectOption('[data-testid="filter-site"]', 'HAM')
    const atHamburg = stored.listSkus().filter((sku) => stored.readItem(sku)?.site === 'HAM')
    await expect
      .poll(
        async () =>
          (await rowKeys(page)).filter((k) => k.startsWith('sku:') && k.endsWith(':demand')).length,
        { timeout: 10_000 },
      )
      .toBe(atHamburg.length)
    const keys = await rowKeys(page)
    const skus = keys.filter((k) => k.startsWith('sku:')).map((k) => k.split(':')[1])
    expect(new Set(skus)).toEqual(new Set(atHamburg))
    const resources = new Set(
      keys.filter((k) => k.startsWith('resource:')).map((k) => k.split(':')[1]),
    )
    expect(resources).toEqual(
      new Set(meta.resources.filter((r) => r.site === 'HAM').map((r) => r.id)),
    )
    await expect
      .poll(() => gapCounts(page), { timeout: 10_000 })
      .toEqual(expectedCounts(model, 'HAM', meta))
    expect(await page.getAttribute('[data-testid="chart-panel"]', 'data-sku-count')).toBe(
      String(atHamburg.length),
    )
    expect(await page.textContent('.chart-title')).toBe('Total in view')

    // The filter is part of the view state: it is there again after a reload.
    await page.reload()
    await page.waitForSelector('[data-testid="filter-site"]', { state: 'attached' })
    expect(await page.inputValue('[data-testid="filter-site"]')).toBe('HAM')
    expect(await page.inputValue('[data-testid="group-by"]')).toBe('site')
    expect(await page.textContent('[data-testid="row-filters-button"]')).toBe('By Site · 1 filter')
  })
})

describe('presence across time grains', () => {
  it("draws a colleague's week cursor on the month that holds the week", async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 26 })
    const months = await openBoard(
      track(await personContext(browser, server, { account: 'planner' })),
      server.url,
      plan.id,
    )
    const weeks = await openBoard(
      track(await personContext(browser, server, { account: 'sales' })),
      server.url,
      plan.id,
    )
    await months.selectOption('[data-testid="grain-select"]', 'month')
    const sku = (await rowKeys(weeks)).find((k) => k.startsWith('sku:') && k.endsWith(':demand'))!
    const week = 6
    await clickCell(weeks, sku, week)
    const outline = months.locator('[data-testid="remote-cursor"][data-name="Sales Tester"]')
    await outline.waitFor({ timeout: 15_000 })
    // The month column of week 6 (December holds W49-W53, so week 6 is in January).
    const column = await months.evaluate(
      ([row, p]) => {
        const bounds = window.__tandem!.cellBounds(row, p)
        return bounds && { x: bounds.x, y: bounds.y }
      },
      [sku, week] as const,
    )
    await expect
      .poll(
        async () => {
          const box = await outline.boundingBox()
          return box && column && Math.abs(box.x - column.x) < 2 && Math.abs(box.y - column.y) < 2
        },
        { timeout: 10_000 },
      )
      .toBe(true)
    expect(Number(await outline.getAttribute('data-col'))).toBe(5 + 1)

    // a range of weeks 3 to 6 lights December and January on the months board, not columns 3-6
    await clickCell(weeks, sku, 3)
    for (let i = 0; i < 3; i++) await weeks.keyboard.press('Shift+ArrowRight')
    const row = await months.evaluate((key) => window.__tandem!.rowKeys().indexOf(key), sku)
    await expect
      .poll(() => months.evaluate(() => window.__tandem!.remoteRanges()), { timeout: 10_000 })
      .toEqual([{ x: 5, width: 2, y: row, height: 1 }])
  })

  it("spreads a total typed on a site group over that site's SKUs, and says why the total row takes none", async () => {
    const plan = await createPlan(server, { skuCount: 30, periodCount: PERIODS })
    const before = await storedPlan(plan.id)
    const atShanghai = before.listSkus().filter((sku) => before.readItem(sku)?.site === 'SH')
    const others = before.listSkus().filter((sku) => before.readItem(sku)?.site !== 'SH')
    const page = await openBoard(
      track(await personContext(browser, server, { account: 'planner' })),
      server.url,
      plan.id,
    )
    await openFilters(page)
    await page.selectOption('[data-testid="group-by"]', 'site')
    await expect
      .poll(async () => (await rowKeys(page)).includes('group:site:SH:demand'), { timeout: 10_000 })
      .toBe(true)
    await page.keyboard.press('Escape')

    await typeInto(page, 'group:site:SH:demand', 3, '9000')
    await expect.poll(() => shown(page, 'group:site:SH:demand', 3), { timeout: 10_000 }).toBe(9000)
    await expect
      .poll(() => page.textContent('[data-testid="notices"]'), { timeout: 10_000 })
      .toContain(`Spread 9,000 over ${atShanghai.length} SKUs of Shanghai (SH).`)
    await expect
      .poll(
        async () => {
          const after = await storedPlan(plan.id)
          return atShanghai.reduce((sum, sku) => sum + after.readCell('demand', sku, 3), 0)
        },
        { timeout: 10_000 },
      )
      .toBe(9000)
    const after = await storedPlan(plan.id)
    for (const sku of others)
      expect(after.readCell('demand', sku, 3)).toBe(before.readCell('demand', sku, 3))

    // the total of every site is a sum of sums: typing there says so, and writes nothing
    await typeInto(page, 'total:demand', 3, '1')
    const refusal = page.locator('[data-testid="notice"][data-tone="error"]').first()
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('of the total is the sum of every group')
  })

  it("lists the plan's people with their roles in the owner filter, flagged or not", async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: PERIODS })
    const page = await openBoard(
      track(await personContext(browser, server, { account: 'planner' })),
      server.url,
      plan.id,
    )
    const members = await page.evaluate(async (id) => {
      const answer = await fetch(`/api/plans/${id}/members`)
      return ((await answer.json()) as { members: { id: string; name: string; role: string }[] })
        .members
    }, plan.id)
    expect(members.length).toBeGreaterThan(2)
    await openFilters(page)
    const labels = await page.locator('[data-testid="filter-owner"] option').allTextContents()
    const roleName: Record<string, string> = {
      planner: 'Planner',
      sales: 'Sales',
      production: 'Production',
      viewer: 'Viewer',
    }
    for (const member of members)
      expect(labels).toContain(`${member.name} · ${roleName[member.role]} · 0 open flags`)
    const sales = members.find((m) => m.role === 'sales')!
    await page.selectOption('[data-testid="filter-owner"]', sales.id)
    await expect
      .poll(async () => (await rowKeys(page)).filter((k) => k.startsWith('sku:')).length, {
        timeout: 10_000,
      })
      .toBe(0)
  })
})
