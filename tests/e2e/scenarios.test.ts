import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
  cellColour,
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

async function person(account: 'planner' | 'production' | 'sales'): Promise<BrowserContext> {
  return track(await personContext(browser, server, { account }))
}

const item = (sku: string, family: string, levels: Record<string, number>) => ({
  sku,
  name: sku,
  family,
  site: 'SH',
  unit: 'cs',
  openingStock: 0,
  safetyStock: 0,
  maxStock: 0,
  resource: 'L1',
  ...levels,
})

/**
 * Juice runs short from week 1 (J1: 50 in stock, 40 a week; J2: 30, 30 a week); Tea makes what
 * it sells on the same line of 200 a week, leaving 150.
 */
const rows = {
  meta: {
    name: 'Scenario plan',
    periodKind: 'week',
    firstPeriod: '2026-11-30',
    periodCount: 6,
    frozenThrough: -1,
    status: 'draft',
    unit: 'cs',
    maxValue: 1_000_000,
    decimals: 0,
    resources: [{ id: 'L1', name: 'Line 1', site: 'SH' }],
  },
  items: [
    item('J1', 'Juice', { openingStock: 50, safetyStock: 20, lotSize: 10 }),
    item('J2', 'Juice', { openingStock: 30, safetyStock: 10 }),
    item('T1', 'Tea', { openingStock: 100 }),
  ],
  demand: {
    J1: [40, 40, 40, 40, 40, 40],
    J2: [30, 30, 30, 30, 30, 30],
    T1: [50, 50, 50, 50, 50, 50],
  },
  supply: { J1: [0, 0, 0, 0, 0, 0], J2: [0, 0, 0, 0, 0, 0], T1: [50, 50, 50, 50, 50, 50] },
  capacity: { L1: [200, 200, 200, 200, 200, 200] },
}

const scenarioIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!)

/** The comparison colour of a changed cell (`CHANGED_BG`, #fde68a). */
const CHANGED = [0xfd, 0xe6, 0x8a]

async function createScenarioPlan(): Promise<string> {
  const created = await fetch(`${server.url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.headers('planner') },
    body: JSON.stringify({ rows }),
  })
  expect(created.status).toBe(201)
  return ((await created.json()) as { plan: { id: string } }).plan.id
}

/** The colour painted for a cell, scrolled into view first (rows below the fold read black). */
async function colourOf(page: Page, row: string, period: number): Promise<number[]> {
  await page.evaluate(([r, p]) => window.__tandem?.scrollToCell(r, p), [row, period] as const)
  return cellColour(page, row, period)
}

/** Resolves once the server holds `value` in the cell (its newest history entry). */
async function serverHolds(planId: string, key: string, period: number, value: number) {
  await expect
    .poll(
      async () => {
        const answer = await fetch(
          `${server.url}/api/plans/${planId}/history?measure=supply&key=${key}&period=${period}`,
          { headers: server.headers('planner') },
        )
        return ((await answer.json()) as { history: { value: number }[] }).history[0]?.value
      },
      { timeout: 15_000 },
    )
    .toBe(value)
}

describe('scenarios with production, a planner and sales', () => {
  it('proposes supply into a scenario, co-edits it, compares, and promotes it over a sales edit', async () => {
    const planId = await createScenarioPlan()

    // 1. Production runs the supply proposal on Juice, which has shortages.
    const production = await openBoard(await person('production'), server.url, planId)
    await production.click('[data-testid="scenarios-button"]')
    await production.selectOption('[data-testid="proposal-family"]', 'Juice')
    await production.click('[data-testid="propose-supply"]')
    await production.waitForURL(/\/plans\/sc-/)
    const scenarioId = scenarioIdOf(production)
    await production.locator('[data-testid="scenario-marker"]').waitFor()
    await waitUntil(production, () => window.__tandem?.readCell('supply', 'J1', 1) === 40)
    expect(await readCell(production, 'supply', 'J1', 0)).toBe(10)
    expect(await readCell(production, 'supply', 'J2', 1)).toBe(30)

    // 2. The planner switches to the scenario in one click; both edit it.
    const planner = await openBoard(await person('planner'), server.url, planId)
    await planner.selectOption('[data-testid="scenario-switcher"]', scenarioId)
    await planner.locator('[data-testid="scenario-marker"]').waitFor()
    await waitUntil(planner, () => window.__tandem?.readCell('supply', 'J1', 1) === 40)
    await typeInto(production, 'sku:J1:supply', 5, '60')
    await typeInto(planner, 'sku:T1:demand', 3, '40')
    await waitUntil(planner, () => window.__tandem?.readCell('supply', 'J1', 5) === 60)
    await waitUntil(production, () => window.__tandem?.readCell('demand', 'T1', 3) === 40)

    // 3. Compared with the plan: Juice's shortages closed, the line within capacity.
    await planner.click('[data-testid="scenarios-button"]')
    const entry = planner.locator(`[data-testid="scenario-${scenarioId}"]`)
    await entry.locator('[data-testid="scenario-compare"]').click()
    const shortages = entry.locator('[data-testid="compare-gaps-shortage"] td')
    await expect.poll(() => shortages.allTextContents()).toEqual(['10', '0'])
    expect(await entry.locator('[data-testid="compare-capacity-L1"] td').allTextContents()).toEqual(
      ['0', '0'],
    )
    await planner.screenshot({ path: join(SCREENSHOTS, 'scenario-compare.png') })

    // 4. Meanwhile sales change the same Tea demand in the plan itself.
    const sales = await openBoard(await person('sales'), server.url, planId)
    await typeInto(sales, 'sku:T1:demand', 3, '45')
    await waitUntil(sales, () => window.__tandem?.readCell('demand', 'T1', 3) === 45)

    // 5. The planner promotes: that cell is a conflict; they take the scenario's value.
    await entry.locator('[data-testid="scenario-promote"]').click()
    const conflict = entry.locator('[data-testid="conflict-demand-T1-3"]')
    await conflict.waitFor()
    expect(await entry.locator('[data-testid="conflict-list"] li').count()).toBe(1)
    expect(await entry.locator('[data-testid="promote-confirm"]').isDisabled()).toBe(true)
    await conflict.locator('[data-testid="choose-scenario"]').check()
    await planner.screenshot({ path: join(SCREENSHOTS, 'scenario-promote.png') })
    await entry.locator('[data-testid="promote-confirm"]').click()
    // Archived by the promotion, the scenario reopens read-only for everyone in it.
    await expect
      .poll(() => planner.textContent('[data-testid="scenario-marker"]'), { timeout: 15_000 })
      .toContain('promoted')

    // 6. Everyone's board of the plan shows the result.
    await waitUntil(sales, () => window.__tandem?.readCell('demand', 'T1', 3) === 40)
    await waitUntil(sales, () => window.__tandem?.readCell('supply', 'J1', 5) === 60)
    expect(await readCell(sales, 'supply', 'J1', 1)).toBe(40)
    await planner.selectOption('[data-testid="scenario-switcher"]', planId)
    await waitUntil(planner, () => window.__tandem?.readCell('supply', 'J1', 5) === 60)
    expect(await planner.locator('[data-testid="scenario-marker"]').count()).toBe(0)
    await production.selectOption('[data-testid="scenario-switcher"]', planId)
    await waitUntil(production, () => window.__tandem?.readCell('demand', 'T1', 3) === 40)
  })

  it('branches from a version picked in the UI, and the comparison highlights the changed cells in the grid', async () => {
    const planId = await createScenarioPlan()
    const planner = await openBoard(await person('planner'), server.url, planId)
    await typeInto(planner, 'sku:J1:supply', 2, '70')
    await serverHolds(planId, 'J1', 2, 70)
    const published = await fetch(`${server.url}/api/plans/${planId}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.headers('planner') },
      body: JSON.stringify({ name: 'Week 49' }),
    })
    const versionId = ((await published.json()) as { version: { id: string } }).version.id
    // The live plan moves on; the scenario must start from the version, not from this.
    await typeInto(planner, 'sku:J1:supply', 3, '90')
    await serverHolds(planId, 'J1', 3, 90)

    await planner.click('[data-testid="scenarios-button"]')
    await planner.fill('[data-testid="scenario-name"]', 'From week 49')
    const from = planner.locator('[data-testid="scenario-from"]')
    await expect.poll(() => from.locator('option').allTextContents()).toHaveLength(2)
    await from.selectOption(versionId)
    await planner.click('[data-testid="scenario-create"]')
    await planner.waitForURL(/\/plans\/sc-/)
    const scenarioId = scenarioIdOf(planner)
    await planner.locator('[data-testid="scenario-marker"]').waitFor()
    await waitUntil(planner, () => window.__tandem?.readCell('supply', 'J1', 2) === 70)
    expect(await readCell(planner, 'supply', 'J1', 3)).toBe(0)

    // A co-editor joins the scenario; the planner compares it with the plan.
    const production = await openBoard(await person('production'), server.url, scenarioId)
    await typeInto(production, 'sku:T1:supply', 4, '20')
    await waitUntil(planner, () => window.__tandem?.readCell('supply', 'T1', 4) === 20)
    await planner.click('[data-testid="scenarios-button"]')
    await planner
      .locator(`[data-testid="scenario-${scenarioId}"] [data-testid="scenario-compare"]`)
      .click()
    const banner = planner.locator('[data-testid="scenario-compare-banner"]')
    await expect.poll(() => banner.getAttribute('data-count'), { timeout: 15_000 }).toBe('2')
    expect(await banner.getAttribute('data-highlighted')).toBe('true')
    await waitUntil(planner, () => window.__tandem?.changedCells() === 2)
    expect(await planner.evaluate(() => window.__tandem?.changeAt('sku:J1:supply', 3))).toBe(
      '90 → 0',
    )
    expect(await planner.evaluate(() => window.__tandem?.changeAt('sku:T1:supply', 4))).toBe(
      '50 → 20',
    )
    await planner.click('[data-testid="scenarios-button"]')
    await expect.poll(() => colourOf(planner, 'sku:J1:supply', 3)).toEqual(CHANGED)
    await expect.poll(() => colourOf(planner, 'sku:T1:supply', 4)).toEqual(CHANGED)
    expect(await colourOf(planner, 'sku:J1:supply', 2)).not.toEqual(CHANGED)
    await planner.screenshot({ path: join(SCREENSHOTS, 'scenario-highlight.png') })

    // The co-editor's next edit shows in the highlight without asking again.
    await typeInto(production, 'sku:J2:supply', 5, '15')
    await waitUntil(planner, () => window.__tandem?.changedCells() === 3)
    await expect.poll(() => colourOf(planner, 'sku:J2:supply', 5)).toEqual(CHANGED)

    await banner.locator('button').click()
    await waitUntil(planner, () => window.__tandem?.changedCells() === undefined)
    await expect.poll(() => colourOf(planner, 'sku:J1:supply', 3)).not.toEqual(CHANGED)

    // The supply proposal runs for one site.
    await planner.click('[data-testid="scenarios-button"]')
    await planner.selectOption('[data-testid="proposal-site"]', 'SH')
    await planner.click('[data-testid="propose-supply"]')
    await expect
      .poll(() => planner.textContent('[data-testid="scenario-marker"]'), { timeout: 15_000 })
      .toContain('Supply proposal: SH')
  })
})
