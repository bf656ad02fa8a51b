import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { daysPerPeriod, executiveSummary, PlanDoc, pricedSkus } from '@tandem/shared'
import type { E2EServer } from './harness.js'
import {
  createPlan,
  openBoard,
  personContext,
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

async function person(who: Parameters<typeof personContext>[2]): Promise<BrowserContext> {
  const context = await personContext(browser, server, who)
  track(context)
  return context
}

/** The plan as the store holds it. */
async function storedPlan(planId: string): Promise<PlanDoc> {
  const state = await server.store.log.loadPlan(planId)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state!.snapshot)
  for (const { update } of state!.updates) Y.applyUpdate(doc, update)
  return new PlanDoc(doc)
}

const tile = (page: Page, id: string) =>
  page.getAttribute(`[data-testid="executive-${id}"]`, 'data-value').then(Number)

describe('the executive summary, live for a planner (English) and a viewer (Chinese)', () => {
  it('shows the plan in money, follows a price set in the item editor and a demand edit, and what changed since the consensus', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 8 }, 'Executive plan')
    const start = await storedPlan(plan.id)
    const expected = executiveSummary(pricedSkus(start), daysPerPeriod('week'))
    await server.store.records.createVersion(
      {
        id: 'consensus-1',
        planId: plan.id,
        name: 'Consensus November',
        note: '',
        author: server.users.planner.id,
        createdAt: new Date().toISOString(),
        kind: 'consensus',
      },
      Y.encodeStateAsUpdate(start.doc),
    )

    const planner = await openBoard(await person({ account: 'planner' }), server.url, plan.id)
    const viewer = await openBoard(
      await person({ account: 'viewer', language: 'zh-CN' }),
      server.url,
      plan.id,
    )
    await viewer.click('[data-testid="executive-button"]')
    await viewer.waitForSelector('[data-testid="executive-view"]')
    expect(await viewer.textContent('[data-testid="executive-view"] h2')).toContain('管理层摘要')
    expect(await tile(viewer, 'revenue')).toBeCloseTo(expected.totals.revenuePlanned, 6)
    expect(await tile(viewer, 'inventory')).toBeCloseTo(expected.totals.inventoryValue, 6)
    expect(await tile(viewer, 'risk')).toBeCloseTo(expected.totals.revenueAtRisk, 6)
    const families = viewer.locator('[data-testid="executive-families"] tbody tr')
    expect(await families.count()).toBe(expected.byFamily.length)
    expect(await viewer.locator('[data-testid="executive-sites"] tbody tr').count()).toBe(3)
    await expect
      .poll(() => viewer.getAttribute('[data-testid="executive-changes"]', 'data-cells'))
      .toBe('0')
    expect(await viewer.textContent('[data-testid="executive-changes"]')).toContain(
      '与 Consensus November',
    )

    // The planner sets SKU-00001's price in the master data editor: revenue moves by its demand.
    const sku = start.readItem('SKU-00001')!
    const units = start.readRow('demand', 'SKU-00001').reduce((a, b) => a + b, 0)
    await planner.click('[data-testid="settings-button"]')
    await planner.click('[data-testid="tab-masterData"]')
    await planner.fill('[data-testid="master-data-search"]', 'SKU-00001')
    await planner.click(
      '[data-testid="master-data-row"][data-sku="SKU-00001"] [data-testid="edit-sku"]',
    )
    await planner.fill('[data-testid="item-price"]', '-2')
    await planner.click('[data-testid="item-save"]')
    expect(await planner.textContent('[data-testid="item-error-price"]')).toBe(
      'Price (per unit) of SKU-00001 must not be negative (got -2).',
    )
    await planner.fill('[data-testid="item-price"]', String(sku.price! + 100))
    await planner.click('[data-testid="item-save"]')
    await expect
      .poll(() => tile(viewer, 'revenue'))
      .toBeCloseTo(expected.totals.revenuePlanned + units * 100, 6)

    // A demand edit shows as a changed cell since the consensus, under its family.
    await planner.click('[data-testid="settings-button"]')
    await typeInto(planner, 'sku:SKU-00002:demand', 5, '9999')
    await waitUntil(viewer, () => window.__tandem?.readCell('demand', 'SKU-00002', 5) === 9999)
    await expect
      .poll(() => viewer.getAttribute('[data-testid="executive-changes"]', 'data-cells'))
      .toBe('1')
    const family = start.readItem('SKU-00002')!.family
    expect(
      await viewer.locator(`[data-testid="executive-changes"] tr[data-family="${family}"]`).count(),
    ).toBe(1)

    await planner.click('[data-testid="executive-button"]')
    await planner.waitForSelector('[data-testid="executive-chart"] canvas')
    await expect
      .poll(() => planner.getAttribute('[data-testid="executive-changes"]', 'data-cells'))
      .toBe('1')
    await planner.screenshot({ path: join(SCREENSHOTS, 'executive-summary.png'), fullPage: true })
  })
})
