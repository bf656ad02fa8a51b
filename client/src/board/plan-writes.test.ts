import * as Y from 'yjs'
import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { createPlanDoc, demoPlan, PlanModel, writeCells } from '@tandem/shared'
import type { TimeGrain } from '@tandem/shared'
import { buildBoardLayout } from '../plan-view/board-layout.js'
import type { BoardView } from '../plan-view/board-view.js'
import { FROZEN_COLUMNS } from '../plan-view/board-view.js'
import { timeAxis } from '../plan-view/time-axis.js'
import { makeFormatters } from '../i18n/use-formatters.js'
import { deletionWrites } from './deletion-writes.js'
import { planWrites } from './plan-writes.js'

/** A 12-week plan from 2026-01-05 (quarter 1: weeks 0–11), frozen through week 1. */
function board(grain: TimeGrain) {
  const input = demoPlan({ skuCount: 6, periodCount: 12, seed: 3 })
  input.meta.firstPeriod = '2026-01-05'
  input.meta.frozenThrough = 1
  const doc = new Y.Doc()
  doc.clientID = 21
  const plan = createPlanDoc(input, doc)
  const model = new PlanModel(plan)
  const meta = plan.readMeta()
  const layout = buildBoardLayout(plan, model, {
    measures: ['demand'],
    gapsOnly: false,
    groupBy: 'family',
  })
  const view: BoardView = {
    plan,
    model,
    meta,
    layout,
    role: 'planner',
    gapsOnly: false,
    format: makeFormatters('en', 0, (week) => `W${week}`),
    t: ((key: string) => key) as unknown as TFunction,
    axis: timeAxis(meta, grain),
  }
  const [family, skus] = [...plan.listFamilies()][0]
  return { view, plan, family, skus }
}

const row = (view: BoardView, key: string) => view.layout.indexOf.get(key)!

describe('typing into a rolled-up cell', () => {
  it("spreads a SKU's quarter total over its open weeks, frozen weeks kept, total exact", () => {
    const { view, plan, skus } = board('quarter')
    expect(view.axis.buckets).toHaveLength(1)
    const sku = skus[0]
    const before = plan.readRow('demand', sku)
    const planned = planWrites(view, [
      { location: [FROZEN_COLUMNS, row(view, `sku:${sku}:demand`)], value: 1001 },
    ])
    if (!planned.ok) throw new Error(planned.message)
    expect(planned.edits.map((e) => e.period)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(planned.spreads).toEqual(['edit.spreadPeriods'])
    writeCells(plan, planned.edits)
    const after = plan.readRow('demand', sku)
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2))
    expect(after.reduce((a, b) => a + b, 0)).toBe(1001)
    expect(after.every(Number.isInteger)).toBe(true)
  })

  it("spreads a family's month total over its SKUs and weeks", () => {
    const { view, plan, family, skus } = board('month')
    // January 2026: weeks 0–3 (Thursdays 8, 15, 22, 29 January); weeks 0 and 1 frozen
    expect(view.axis.buckets[0]).toMatchObject({ key: '2026-01', first: 0, last: 3 })
    const frozenSum = skus.reduce(
      (sum, sku) => sum + plan.readCell('demand', sku, 0) + plan.readCell('demand', sku, 1),
      0,
    )
    const total = frozenSum + 5003
    const planned = planWrites(view, [
      { location: [FROZEN_COLUMNS, row(view, `family:${family}:demand`)], value: total },
    ])
    if (!planned.ok) throw new Error(planned.message)
    expect(planned.edits).toHaveLength(skus.length * 2)
    expect(new Set(planned.edits.map((e) => e.period))).toEqual(new Set([2, 3]))
    writeCells(plan, planned.edits)
    const sum = skus.reduce(
      (s, sku) => s + [0, 1, 2, 3].reduce((t, p) => t + plan.readCell('demand', sku, p), 0),
      0,
    )
    expect(sum).toBe(total)
  })

  it('refuses a total below what the frozen weeks already hold, naming the cell', () => {
    const { view, skus } = board('quarter')
    const planned = planWrites(view, [
      { location: [FROZEN_COLUMNS, row(view, `sku:${skus[0]}:demand`)], value: 0 },
    ])
    expect(planned).toEqual({ ok: false, message: 'edit.spreadFrozen' })
  })
})

describe('Delete', () => {
  it('clears overrides back to their base values; Shift+Delete writes 0', () => {
    const { view, plan, skus } = board('week')
    const sku = skus[0]
    const base = plan.readCell('demand', sku, 4)
    writeCells(plan, [{ measure: 'demand', key: sku, period: 4, value: base + 77 }])
    const at = { x: FROZEN_COLUMNS + 4, y: row(view, `sku:${sku}:demand`), width: 1, height: 1 }
    const cleared = planWrites(view, deletionWrites(view, at, 'clear'))
    if (!cleared.ok) throw new Error(cleared.message)
    expect(cleared.edits).toEqual([{ measure: 'demand', key: sku, period: 4, value: undefined }])
    writeCells(plan, cleared.edits)
    expect(plan.readCell('demand', sku, 4)).toBe(base)
    const zeroed = planWrites(view, deletionWrites(view, at, 'zero'))
    if (!zeroed.ok) throw new Error(zeroed.message)
    expect(zeroed.edits).toEqual([{ measure: 'demand', key: sku, period: 4, value: 0 }])
  })

  it('leaves labels and frozen cells of a selected range alone', () => {
    const { view, skus } = board('week')
    const y = row(view, `sku:${skus[0]}:demand`)
    const writes = deletionWrites(view, { x: 0, y, width: FROZEN_COLUMNS + 3, height: 1 }, 'clear')
    expect(writes.map((w) => w.location[0])).toEqual([FROZEN_COLUMNS + 2])
  })
})
