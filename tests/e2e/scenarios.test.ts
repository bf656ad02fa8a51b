import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
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

describe('scenarios with production, a planner and sales', () => {
  it('proposes supply into a scenario, co-edits it, compares, and promotes it over a sales edit', async () => {
    const created = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.headers('planner') },
      body: JSON.stringify({ rows }),
    })
    expect(created.status).toBe(201)
    const planId = ((await created.json()) as { plan: { id: string } }).plan.id

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
})
