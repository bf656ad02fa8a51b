import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PlanDoc } from '@tandem/shared'
import type { E2EServer } from './harness.js'
import { createPlan, openBoard, personContext, readCell, typeInto, useE2ESuite } from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

/** The plan as stored: which SKU is at which site. */
async function storedPlan(planId: string): Promise<PlanDoc> {
  const state = await server.store.log.loadPlan(planId)
  if (!state) throw new Error(`no plan ${planId}`)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state.snapshot)
  for (const { update } of state.updates) Y.applyUpdate(doc, update)
  return new PlanDoc(doc)
}

describe('a production planner scoped to one site', () => {
  it('is refused an edit at another site with a message naming both sites, and edits their own', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 8 })
    const stored = await storedPlan(plan.id)
    const skuAt = (site: string) => {
      const sku = stored.listSkus().find((id) => stored.readItem(id)?.site === site)
      if (!sku) throw new Error(`no SKU at ${site}`)
      return sku
    }
    const shanghai = skuAt('SH')
    const hamburg = skuAt('HAM')
    const scoped = await fetch(
      `${server.url}/api/plans/${plan.id}/scopes/${server.users.production.id}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...server.headers('planner') },
        body: JSON.stringify({ sites: ['HAM'] }),
      },
    )
    expect(scoped.status).toBe(200)

    const planner = await openBoard(
      track(await personContext(browser, server, { account: 'planner' })),
      server.url,
      plan.id,
    )
    const production = await openBoard(
      track(await personContext(browser, server, { account: 'production' })),
      server.url,
      plan.id,
    )
    const before = await readCell(planner, 'supply', shanghai, 5)

    await typeInto(production, `sku:${shanghai}:supply`, 5, '4321')
    const refused = production.locator('[data-testid="notice"][data-tone="error"]').first()
    await refused.waitFor()
    const message = await refused.textContent()
    expect(message).toContain('Your Production role is scoped to HAM')
    expect(message).toContain('is at site SH')
    expect(message).toContain(shanghai)
    // The refused value is taken back on the scoped board and never reaches anyone else.
    await production.waitForFunction(
      ([sku, value]) => window.__tandem?.readCell('supply', sku, 5) === value,
      [shanghai, before] as const,
    )
    expect(await readCell(planner, 'supply', shanghai, 5)).toBe(before)

    await typeInto(production, `sku:${hamburg}:supply`, 5, '1234')
    await planner.waitForFunction(
      (sku) => window.__tandem?.readCell('supply', sku, 5) === 1234,
      hamburg,
    )
    expect((await storedPlan(plan.id)).readRow('supply', shanghai)[5]).toBe(before)
  })

  it('is refused by the server a transfer from another site, with the reason in Chinese', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 8 })
    const stored = await storedPlan(plan.id)
    const skuAt = (site: string) => {
      const sku = stored.listSkus().find((id) => stored.readItem(id)?.site === site)
      if (!sku) throw new Error(`no SKU at ${site}`)
      return sku
    }
    const scoped = await fetch(
      `${server.url}/api/plans/${plan.id}/scopes/${server.users.production.id}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...server.headers('planner') },
        body: JSON.stringify({ sites: ['HAM'] }),
      },
    )
    expect(scoped.status).toBe(200)
    const production = await openBoard(
      track(await personContext(browser, server, { account: 'production', language: 'zh-CN' })),
      server.url,
      plan.id,
    )
    // Shanghai to Hamburg ships from SH, outside the HAM scope: the server's rule refuses it
    await production.click('[data-testid="transfers-button"]')
    await production.selectOption('[data-testid="transfer-fromSite"]', 'SH')
    await production.selectOption('[data-testid="transfer-fromSku"]', skuAt('SH'))
    await production.selectOption('[data-testid="transfer-toSite"]', 'HAM')
    await production.selectOption('[data-testid="transfer-toSku"]', skuAt('HAM'))
    await production.selectOption('[data-testid="transfer-period"]', '2')
    await production.fill('[data-testid="transfer-leadTime"]', '1')
    await production.fill('[data-testid="transfer-quantity"]', '25')
    await production.click('[data-testid="transfer-submit"]')
    const refused = production.locator('[data-testid="notice"][data-tone="error"]').first()
    await refused.waitFor({ timeout: 15_000 })
    const message = (await refused.textContent()) ?? ''
    // the scoped role, both sites and the SKU it ships from, in Chinese, not the server's English
    expect(message).toContain(
      `您的生产角色仅限站点 HAM：从 ${skuAt('SH')} 发出的调拨 属于站点 SH。`,
    )
    expect(message).not.toMatch(/ships from|scoped to|TR-/)
    // taken back on the board, never stored
    await expect
      .poll(() => production.locator('[data-testid="transfer-row"]').count(), { timeout: 10_000 })
      .toBe(0)
    expect((await storedPlan(plan.id)).transfers.size).toBe(0)
  })
})
