import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { PlanInput } from '@tandem/shared'
import { createPlanDoc, PlanModel } from '@tandem/shared'
import { buildBoardLayout } from './board-layout.js'
import { nextSort, sortSkus } from './sku-sort.js'
import { timeAxis } from './time-axis.js'

/** Four SKUs of one family over 8 weeks, with demand chosen so every sort differs. */
function plan() {
  const skus = [
    { id: 'S-3', name: 'widget 10', demand: [5, 0, 0, 0, 1, 1, 1, 1] },
    { id: 'S-1', name: 'Widget 2', demand: [9, 0, 0, 0, 9, 9, 9, 9] },
    { id: 'S-2', name: 'gadget', demand: [1, 0, 0, 0, 40, 0, 0, 0] },
    { id: 'S-4', name: 'Gadget', demand: [5, 0, 0, 0, 0, 0, 0, 0] },
  ]
  const input: PlanInput = {
    meta: {
      name: 'Sort',
      periodKind: 'week',
      firstPeriod: '2026-01-26',
      periodCount: 8,
      frozenThrough: -1,
      status: 'draft',
      decimals: 0,
      resources: [],
    } as unknown as PlanInput['meta'],
    items: skus.map((s) => ({
      sku: s.id,
      name: s.name,
      family: 'F',
      unit: 'ea',
      openingStock: 10,
      safetyStock: 0,
      maxStock: 0,
      resource: '',
    })) as unknown as PlanInput['items'],
    demand: Object.fromEntries(skus.map((s) => [s.id, s.demand])),
    supply: Object.fromEntries(skus.map((s) => [s.id, new Array<number>(8).fill(0)])),
    capacity: {},
  }
  const doc = new Y.Doc()
  doc.clientID = 7
  const planDoc = createPlanDoc(input, doc)
  return { plan: planDoc, model: new PlanModel(planDoc), order: skus.map((s) => s.id) }
}

describe('nextSort', () => {
  it('sorts ascending, then reverses, then restores plan order', () => {
    const first = nextSort(undefined, { by: 'name' })
    expect(first).toEqual({ by: 'name', direction: 'ascending' })
    const second = nextSort(first, { by: 'name' })
    expect(second).toEqual({ by: 'name', direction: 'descending' })
    expect(nextSort(second, { by: 'name' })).toBeUndefined()
  })

  it('starts over ascending on another column or another period', () => {
    const byPeriod = nextSort(undefined, { by: 'period', period: 2, measure: 'demand' })
    const reversed = nextSort(byPeriod, { by: 'period', period: 2, measure: 'demand' })
    expect(reversed?.direction).toBe('descending')
    expect(nextSort(reversed, { by: 'period', period: 3, measure: 'demand' })?.direction).toBe(
      'ascending',
    )
    expect(nextSort(reversed, { by: 'period', period: 2, measure: 'supply' })?.direction).toBe(
      'ascending',
    )
    expect(nextSort(reversed, { by: 'gaps' })).toEqual({ by: 'gaps', direction: 'ascending' })
  })
})

describe('sortSkus', () => {
  it('keeps plan order without a sort', () => {
    const { model, order } = plan()
    expect(sortSkus(order, undefined, model)).toEqual(order)
  })

  it('sorts names with numbers in numeric order, ignoring case, ties in plan order', () => {
    const { model, order } = plan()
    // gadget (S-2) and Gadget (S-4) tie: plan order both ways
    expect(sortSkus(order, { by: 'name', direction: 'ascending' }, model)).toEqual([
      'S-2',
      'S-4',
      'S-1',
      'S-3',
    ])
    expect(sortSkus(order, { by: 'name', direction: 'descending' }, model)).toEqual([
      'S-3',
      'S-1',
      'S-2',
      'S-4',
    ])
  })

  it("sorts by a period's value, ties keeping plan order", () => {
    const { model, order } = plan()
    const sort = { by: 'period', period: 0, measure: 'demand' } as const
    expect(sortSkus(order, { ...sort, direction: 'ascending' }, model)).toEqual([
      'S-2',
      'S-3',
      'S-4',
      'S-1',
    ])
    expect(sortSkus(order, { ...sort, direction: 'descending' }, model)).toEqual([
      'S-1',
      'S-3',
      'S-4',
      'S-2',
    ])
  })

  it("sorts by a rolled-up column's total (flows) and last period (stock)", () => {
    const { model, order } = plan()
    const axis = timeAxis(
      { periodKind: 'week', firstPeriod: '2026-01-26', periodCount: 8 },
      'month',
    )
    // January: week 0; February: weeks 1–4; March: weeks 5–7
    const february = axis.buckets[axis.bucketOfPeriod[3]]
    expect(february).toMatchObject({ first: 1, last: 4 })
    const demand = { by: 'period', period: 3, measure: 'demand', direction: 'descending' } as const
    // February demand: S-2 40, S-1 9, S-3 1, S-4 0
    expect(sortSkus(order, demand, model, february)).toEqual(['S-2', 'S-1', 'S-3', 'S-4'])
    // Stock at the end of February (week 4): S-3 4, S-1 -8, S-2 -31, S-4 5
    const stock = { ...demand, measure: 'projected', direction: 'ascending' } as const
    expect(sortSkus(order, stock, model, february)).toEqual(['S-2', 'S-1', 'S-3', 'S-4'])
  })

  it('sorts by gap count', () => {
    const { model, order } = plan()
    const counts = order.map((sku) => model.sku(sku)!.gaps.length)
    const sorted = sortSkus(order, { by: 'gaps', direction: 'descending' }, model)
    const sortedCounts = sorted.map((sku) => model.sku(sku)!.gaps.length)
    expect(sortedCounts).toEqual([...counts].sort((a, b) => b - a))
    expect(new Set(sortedCounts).size).toBeGreaterThan(1)
  })

  it('orders the SKU rows of the board inside their family', () => {
    const { plan: doc, model } = plan()
    const layout = buildBoardLayout(
      doc,
      model,
      { measures: ['demand'], gapsOnly: false, groupBy: 'family' },
      { sort: { by: 'period', period: 0, measure: 'demand', direction: 'descending' } },
    )
    const skuRows = layout.rows.flatMap((row) => (row.kind === 'sku' ? [row.sku] : []))
    expect(skuRows).toEqual(['S-1', 'S-3', 'S-4', 'S-2'])
    expect(layout.indexOf.get('sku:S-1:demand')).toBeLessThan(layout.indexOf.get('sku:S-2:demand')!)
  })
})
