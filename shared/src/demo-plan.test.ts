import { describe, expect, it } from 'vitest'
import { createPlanDoc } from './create-plan-doc.js'
import { demoPlan } from './demo-plan.js'
import { isValidId } from './ids.js'
import { PlanModel } from './plan-model.js'
import { checkCellEdit } from './rules/check-cell-edit.js'

describe('demoPlan', () => {
  it('gives the same plan for the same seed and a different one for another seed', () => {
    expect(demoPlan({ seed: 5 })).toEqual(demoPlan({ seed: 5 }))
    expect(demoPlan()).toEqual(demoPlan({ seed: 42 }))
    const other = demoPlan({ seed: 6 })
    expect(other.items.map((item) => item.sku)).toEqual(
      demoPlan({ seed: 5 }).items.map((item) => item.sku),
    )
    expect(other.demand).not.toEqual(demoPlan({ seed: 5 }).demand)
    expect(other.supply).not.toEqual(demoPlan({ seed: 5 }).supply)
  })

  it('defaults to 200 SKUs over 26 weeks starting on a Monday', () => {
    const plan = demoPlan()
    expect(plan.items).toHaveLength(200)
    expect(plan.meta).toMatchObject({
      periodKind: 'week',
      periodCount: 26,
      firstPeriod: '2026-11-30',
      frozenThrough: -1,
      status: 'draft',
      decimals: 0,
    })
    expect(new Date(`${plan.meta.firstPeriod}T00:00:00Z`).getUTCDay()).toBe(1)
    expect(new Set(plan.items.map((item) => item.family)).size).toBe(8)
    expect(plan.meta.resources).toHaveLength(6)
    for (const item of plan.items) {
      expect(plan.demand[item.sku]).toHaveLength(26)
      expect(plan.supply[item.sku]).toHaveLength(26)
    }
    for (const resource of plan.meta.resources) expect(plan.capacity[resource.id]).toHaveLength(26)
  })

  it('makes monthly plans on request', () => {
    const plan = demoPlan({ periodKind: 'month', periodCount: 18, skuCount: 10, name: 'Monthly' })
    expect(plan.meta).toMatchObject({
      name: 'Monthly',
      periodKind: 'month',
      periodCount: 18,
      firstPeriod: '2026-12-01',
    })
    expect(plan.items).toHaveLength(10)
    expect(plan.demand[plan.items[0].sku]).toHaveLength(18)
  })

  it('produces master data and values that pass the plan’s own rules', () => {
    const plan = demoPlan({ skuCount: 60, periodCount: 12, seed: 3 })
    const skus = plan.items.map((item) => item.sku)
    expect(new Set(skus).size).toBe(60)
    const resourceIds = new Set(plan.meta.resources.map((r) => r.id))
    for (const item of plan.items) {
      expect(isValidId(item.sku)).toBe(true)
      expect(resourceIds.has(item.resource)).toBe(true)
      expect(item.maxStock).toBeGreaterThan(item.safetyStock)
      expect(item.openingStock).toBeGreaterThanOrEqual(item.safetyStock)
    }
    const rows = [
      ...Object.entries(plan.demand).map(([key, row]) => ['demand', key, row] as const),
      ...Object.entries(plan.supply).map(([key, row]) => ['supply', key, row] as const),
      ...Object.entries(plan.capacity).map(([key, row]) => ['capacity', key, row] as const),
    ]
    for (const [measure, key, row] of rows) {
      row.forEach((value, period) => {
        expect(checkCellEdit(plan.meta, 'planner', measure, key, period, value)).toBeUndefined()
      })
    }
  })

  it('contains deliberate shortages, excess and over-capacity', () => {
    const model = new PlanModel(createPlanDoc(demoPlan()))
    const kinds = new Set(model.allGaps().map((gap) => gap.kind))
    expect(kinds).toContain('shortage')
    expect(kinds).toContain('excess')
    expect(kinds).toContain('overCapacity')
    expect(kinds).toContain('belowSafetyStock')
    const short = new Set(model.allGaps().flatMap((g) => (g.kind === 'shortage' ? [g.key] : [])))
    expect(short.size).toBeLessThan(100)
  })

  it('generates 10,000 SKUs over 104 weeks', () => {
    const plan = demoPlan({ skuCount: 10_000, periodCount: 104 })
    expect(plan.items).toHaveLength(10_000)
    expect(Object.keys(plan.demand)).toHaveLength(10_000)
    expect(Object.keys(plan.supply)).toHaveLength(10_000)
    expect(new Set(plan.items.map((item) => item.sku)).size).toBe(10_000)
    expect(new Set(plan.items.map((item) => item.family)).size).toBe(400)
    expect(plan.demand[plan.items[9_999].sku]).toHaveLength(104)
    expect(plan.capacity[plan.meta.resources[0].id]).toHaveLength(104)
  })
})
