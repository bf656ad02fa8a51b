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
  it('lands the offline edit on the new epoch when the board comes back online; the online board clears undo with a notice, and undo works again after', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 10 })
    const salesContext = await person('sales')
    const sales = await openBoard(salesContext, server.url, plan.id)
    const production = await openBoard(await person('production'), server.url, plan.id)

    await typeInto(sales, 'sku:SKU-00001:demand', 3, '600')
    await expect
      .poll(() => sales.textContent('[data-testid="save-state"]'))
      .toBe('All changes saved')
    // Production's edit before the change leaves it something to undo.
    const productionUndo = production.locator('.toolbar button', { hasText: /^Undo$/ })
    await typeInto(production, 'sku:SKU-00003:supply', 2, '310')
    await expect
      .poll(() => production.textContent('[data-testid="save-state"]'), { timeout: 10_000 })
      .toBe('All changes saved')
    await expect.poll(() => productionUndo.isEnabled(), { timeout: 10_000 }).toBe(true)

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
    // Undo is cleared with the notice, and works again for edits on the new epoch.
    await production.waitForSelector('text=Undo history was cleared')
    expect(await readCell(production, 'supply', 'SKU-00003', 2)).toBe(310)
    await expect.poll(() => productionUndo.isEnabled(), { timeout: 10_000 }).toBe(false)
    await typeInto(production, 'sku:SKU-00003:supply', 2, '320')
    await waitUntil(production, () => window.__tandem?.readCell('supply', 'SKU-00003', 2) === 320)
    await productionUndo.click()
    await waitUntil(production, () => window.__tandem?.readCell('supply', 'SKU-00003', 2) === 310)
    await expect.poll(() => productionUndo.isEnabled(), { timeout: 10_000 }).toBe(false)

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
