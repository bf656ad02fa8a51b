import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc, demoPlan, groupRollUp, PlanModel } from '@tandem/shared'
import { buildBoardLayout } from './board-layout.js'
import { defaultRowOptions } from './row-options.js'
import type { RowOptions } from './row-options.js'

function demo() {
  const plan = createPlanDoc(demoPlan({ periodCount: 12, transfers: true }), new Y.Doc())
  return { plan, model: new PlanModel(plan) }
}

const options = (change: Partial<RowOptions>): RowOptions => ({ ...defaultRowOptions(), ...change })

describe('buildBoardLayout: grouping and filters', () => {
  it('groups by site in the order the plan lists its sites, each SKU under its own site', () => {
    const { plan, model } = demo()
    const layout = buildBoardLayout(plan, model, options({ groupBy: 'site' }))
    const groups = layout.rows.flatMap((row) =>
      row.kind === 'group' && row.first ? [row.group] : [],
    )
    expect(groups).toEqual(['SH', 'SZ', 'HAM'])
    let site = ''
    for (const row of layout.rows) {
      if (row.kind === 'group') site = row.group
      if (row.kind === 'sku') expect(model.sku(row.sku)?.item.site).toBe(site)
    }
    expect(layout.rows[0]).toMatchObject({ kind: 'total', measure: 'demand' })
    expect(layout.shownSkus.size).toBe(200)
  })

  it('sums a site group without the other sites, and the groups add up to the plan total', () => {
    const { plan, model } = demo()
    const layout = buildBoardLayout(plan, model, options({ groupBy: 'site' }))
    const sites = ['SH', 'SZ', 'HAM'].map((site) => layout.rollUps.group(site)!)
    const period = 6
    const transit = model.totals().inTransit[period]
    const sum = sites.reduce((n, g) => n + g.projected[period], 0)
    expect(sum + transit).toBeCloseTo(model.totals().projected[period], 6)
    expect(layout.rollUps.total().projected).toEqual(model.totals().projected)
  })

  it('filters to one site: only its SKUs and resources, and a total of what is in view', () => {
    const { plan, model } = demo()
    const layout = buildBoardLayout(plan, model, options({ site: 'HAM' }))
    const skus = [...layout.shownSkus]
    expect(skus.length).toBeGreaterThan(0)
    expect(skus.every((sku) => model.sku(sku)?.item.site === 'HAM')).toBe(true)
    const resources = new Set(
      plan
        .readMeta()
        .resources.filter((r) => r.site === 'HAM')
        .map((r) => r.id),
    )
    expect([...layout.rowsOfResource.keys()].every((r) => resources.has(r))).toBe(true)
    expect(layout.rows.some((row) => row.kind === 'family')).toBe(false)
    expect(layout.rollUps.total().demand).toEqual(groupRollUp(model, skus, 12).demand)
  })

  it('filters by family and owner of open flags', () => {
    const { plan, model } = demo()
    const [family, skus] = [...plan.listFamilies()][1]
    const byFamily = buildBoardLayout(plan, model, options({ family }))
    expect([...byFamily.shownSkus]).toEqual(skus)
    plan.flags.set(
      'f1',
      new Y.Map(
        Object.entries({
          owner: 'u-7',
          status: 'open',
          kind: 'shortage',
          cells: [{ measure: 'projected', key: skus[0], period: 1 }],
        }),
      ),
    )
    const byOwner = buildBoardLayout(plan, model, options({ owner: 'u-7' }))
    expect([...byOwner.shownSkus]).toEqual([skus[0]])
  })

  it('shows transfer rows only for SKUs with transfers, when asked for', () => {
    const { plan, model } = demo()
    const measures = [
      ...defaultRowOptions().measures,
      'transferIn' as const,
      'transferOut' as const,
    ]
    const layout = buildBoardLayout(plan, model, options({ measures }))
    const withTransfers = new Set(model.transferList().flatMap(([, t]) => [t.fromSku, t.toSku]))
    expect(layout.transferRows).toEqual(withTransfers)
    for (const row of layout.rows)
      if (row.kind === 'sku' && row.measure === 'transferIn')
        expect(withTransfers.has(row.sku)).toBe(true)
    const none = buildBoardLayout(plan, model, options({}))
    expect(none.rows.some((row) => row.kind === 'sku' && row.measure === 'transferOut')).toBe(false)
  })
})
