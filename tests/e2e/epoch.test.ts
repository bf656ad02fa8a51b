import type { Browser, BrowserContext } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import {
  createPlan,
  openBoard,
  personContext,
  readCell,
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

async function person(account: 'sales' | 'production'): Promise<BrowserContext> {
  const context = await personContext(browser, server, { account })
  track(context)
  return context
}

describe('a document epoch change with a board offline', () => {
  it('lands the offline edit on the new epoch when the board comes back online', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 10 })
    const salesContext = await person('sales')
    const sales = await openBoard(salesContext, server.url, plan.id)
    const production = await openBoard(await person('production'), server.url, plan.id)

    await typeInto(sales, 'sku:SKU-00001:demand', 3, '600')
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('All changes saved')

    await salesContext.setOffline(true)
    await sales.waitForSelector('[data-testid="connection-status"][data-status="offline"]')
    await typeInto(sales, 'sku:SKU-00002:demand', 4, '777')
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('1 change kept on this device')

    const response = await fetch(`${server.url}/api/plans/${plan.id}/epoch`, {
      method: 'POST',
      headers: server.headers('planner'),
    })
    expect(await response.json()).toEqual({ documentEpoch: 1 })
    expect((await server.store.log.loadPlan(plan.id))?.documentEpoch).toBe(1)
    // The online board reloads onto the new epoch with the same values.
    await production.waitForSelector('text=The server compacted the plan')
    await waitUntil(production, () => window.__tandem?.readCell('demand', 'SKU-00001', 3) === 600)

    await salesContext.setOffline(false)
    await waitUntil(production, () => window.__tandem?.readCell('demand', 'SKU-00002', 4) === 777)
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('All changes saved')
    expect(await readCell(sales, 'demand', 'SKU-00001', 3)).toBe(600)
    expect(await readCell(sales, 'demand', 'SKU-00002', 4)).toBe(777)
    const stored = await server.store.log.loadPlan(plan.id)
    expect(stored?.documentEpoch).toBe(1)
    // The offline edit was appended on the new epoch, after the change.
    expect(stored?.updates.length).toBeGreaterThan(0)
  })
})
