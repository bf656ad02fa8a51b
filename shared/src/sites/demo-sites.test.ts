import { describe, expect, it } from 'vitest'
import { createPlanDoc } from '../create-plan-doc.js'
import { demoPlan } from '../demo-plan.js'
import { PlanModel } from '../plan-model.js'
import { checkTransfer } from '../rules/check-transfer.js'

describe('the demo plan: three sites in two countries, with transfers', () => {
  it('lists its sites, and every SKU and resource names one of them', () => {
    const input = demoPlan({ transfers: true })
    expect(input.meta.sites).toEqual([
      { id: 'SH', name: 'Shanghai', country: 'China' },
      { id: 'SZ', name: 'Shenzhen', country: 'China' },
      { id: 'HAM', name: 'Hamburg', country: 'Germany' },
    ])
    const ids = new Set(input.meta.sites.map((s) => s.id))
    expect(new Set(input.meta.sites.map((s) => s.country)).size).toBe(2)
    expect(input.items.every((item) => ids.has(item.site))).toBe(true)
    expect(input.meta.resources.every((r) => ids.has(r.site))).toBe(true)
  })

  it('has transfers the rules accept, between SKUs of one family at two sites', () => {
    const input = demoPlan({ transfers: true })
    const transfers = Object.entries(input.transfers ?? {})
    expect(transfers).toHaveLength(12)
    const plan = createPlanDoc(input)
    const meta = plan.readMeta()
    for (const [id, transfer] of transfers) {
      expect(checkTransfer(plan, meta, 'planner', undefined, id, transfer)).toBeUndefined()
      const from = plan.readItem(transfer.fromSku)
      const to = plan.readItem(transfer.toSku)
      expect(from?.family).toBe(to?.family)
      expect(from?.site).not.toBe(to?.site)
    }
    const routes = new Set(
      transfers.map(([, t]) => `${plan.readItem(t.fromSku)?.site}>${plan.readItem(t.toSku)?.site}`),
    )
    expect(routes).toEqual(new Set(['SH>HAM', 'SZ>SH']))
    const model = new PlanModel(plan)
    expect(model.totals().inTransit.some((v) => v > 0)).toBe(true)
    expect(demoPlan().transfers).toBeUndefined()
  })

  it.each([12, 300, 999, 10_000])(
    'makes only transfers between two sites with %i SKUs, which the rules accept',
    (skuCount) => {
      const input = demoPlan({ transfers: true, skuCount })
      const transfers = Object.entries(input.transfers ?? {})
      expect(transfers.length).toBeGreaterThan(0)
      const plan = createPlanDoc(input)
      const meta = plan.readMeta()
      for (const [id, transfer] of transfers) {
        expect(checkTransfer(plan, meta, 'planner', undefined, id, transfer)).toBeUndefined()
        expect(plan.readItem(transfer.fromSku)?.site).not.toBe(plan.readItem(transfer.toSku)?.site)
      }
    },
  )
})
