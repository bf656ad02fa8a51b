import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createPlanDoc, demoPlan, PlanModel } from '@tandem/shared'
import type { BoardView } from '../plan-view/board-view.js'
import { buildBoardLayout } from '../plan-view/board-layout.js'
import { DEFAULT_SKU_MEASURES } from '../plan-view/board-row.js'
import { columnOfPeriod } from '../plan-view/board-view.js'
import { EMPTY_SELECTION } from '../plan-view/grid-selection.js'
import { acceptEdits } from './accept-edits.js'
import { timeAxis } from '../plan-view/time-axis.js'

const BASELINE = [501, 502, 503, 504, 505, 506]

function board(frozenThrough: number) {
  const input = demoPlan({ skuCount: 8, periodCount: 6 })
  input.meta.frozenThrough = frozenThrough
  const doc = new Y.Doc()
  doc.clientID = 11
  const plan = createPlanDoc(input, doc)
  const model = new PlanModel(plan)
  const families = [...plan.listFamilies()]
  const [sku, withoutBaseline] = families[0][1]
  for (const [, skus] of families)
    for (const s of skus)
      if (s !== withoutBaseline)
        plan.forecast.set(s, { values: BASELINE, lower80: [], upper80: [] })
  const layout = buildBoardLayout(plan, model, {
    measures: [...DEFAULT_SKU_MEASURES],
    gapsOnly: false,
    groupBy: 'family',
  })
  const meta = plan.readMeta()
  const view = { plan, model, meta, layout, axis: timeAxis(meta, 'week') } as unknown as BoardView
  const at = (row: string, period: number, width = 1, height = 1) => {
    const y = layout.indexOf.get(row)!
    const x = columnOfPeriod(period)
    return {
      ...EMPTY_SELECTION,
      current: { cell: [x, y] as [number, number], range: { x, y, width, height }, rangeStack: [] },
    }
  }
  return { view, families, sku, withoutBaseline, at }
}

describe('acceptEdits', () => {
  it('writes the baseline into the selected demand cells only, skipping frozen periods', () => {
    const { view, sku, at } = board(1)
    // Two periods wide from period 1 (frozen) over the demand and supply rows of one SKU.
    const { edits, frozen } = acceptEdits(view, at(`sku:${sku}:demand`, 1, 2, 2), 'selection')
    expect(frozen).toBe(1)
    expect(edits).toEqual([{ measure: 'demand', key: sku, period: 2, value: 503 }])
  })

  it('covers a SKU, its family (SKUs without a baseline left out) or everything visible', () => {
    const { view, families, sku, withoutBaseline, at } = board(-1)
    const selection = at(`sku:${sku}:supply`, 3)
    const keys = (scope: 'sku' | 'family' | 'visible') =>
      new Set(acceptEdits(view, selection, scope).edits.map((e) => e.key))
    expect(keys('sku')).toEqual(new Set([sku]))
    expect(keys('family')).toEqual(new Set(families[0][1].filter((s) => s !== withoutBaseline)))
    const all = families.flatMap(([, skus]) => skus).filter((s) => s !== withoutBaseline)
    expect(keys('visible')).toEqual(new Set(all))
    expect(acceptEdits(view, selection, 'sku').edits.map((e) => e.value)).toEqual(BASELINE)
  })

  it('leaves out cells that already show the baseline', () => {
    const { view, sku, at } = board(-1)
    view.plan.writeCell('demand', sku, 4, 505)
    const periods = acceptEdits(view, at(`sku:${sku}:demand`, 0), 'sku').edits.map((e) => e.period)
    expect(periods).toEqual([0, 1, 2, 3, 5])
  })
})
