import type { CellEdit } from '../cell-edit.js'
import type { PlanDoc } from '../plan-doc.js'
import type { PlanMeta } from '../plan-meta.js'
import { isFrozenPeriod } from '../plan-meta.js'
import type { Measure } from '../roots.js'
import { writeCells } from './write-cells.js'

/** Which demand a what-if changes: some SKUs (a range), one SKU or a family; all periods by default. */
export type WhatIfTarget = (
  | { kind: 'skus'; skus: readonly string[] }
  | { kind: 'sku'; sku: string }
  | { kind: 'family'; family: string }
) & {
  /** First and last period changed (inclusive); the whole horizon when absent. */
  fromPeriod?: number
  toPeriod?: number
}

/** By how much: a percentage (+20 for 20 % more, −10 for 10 % less) or an amount added to each cell. */
export type WhatIfChange = { percent: number } | { amount: number }

/** The active SKUs a target names, in board order. */
export function whatIfSkus(plan: PlanDoc, target: WhatIfTarget): string[] {
  const active = (sku: string) => plan.items.has(sku) && !plan.isRetired(sku)
  if (target.kind === 'sku') return active(target.sku) ? [target.sku] : []
  if (target.kind === 'skus')
    return plan.listSkus().filter((sku) => target.skus.includes(sku) && active(sku))
  return plan.listFamilies().get(target.family) ?? []
}

/**
 * The demand cells a scaling writes: each cell of the target's SKUs and periods scaled by the
 * percentage or moved by the amount, never below 0 nor above `maxValue`, rounded to the plan's
 * decimals. Frozen periods are left alone, and cells that would not change are left out.
 */
export function scaleDemandEdits(
  plan: PlanDoc,
  target: WhatIfTarget,
  change: WhatIfChange,
): CellEdit[] {
  const meta = plan.readMeta()
  const [first, last] = periodRange(meta, target)
  const edits: CellEdit[] = []
  for (const sku of whatIfSkus(plan, target)) {
    const row = plan.readRow('demand', sku)
    for (let period = first; period <= last; period++) {
      const before = row[period] ?? 0
      const raw = 'percent' in change ? before * (1 + change.percent / 100) : before + change.amount
      const value = clampToPlan(meta, raw)
      if (value !== before) edits.push({ measure: 'demand', key: sku, period, value })
    }
  }
  return edits
}

/**
 * The cells a launch shift writes: the SKU's rows of `measures` moved `periods` later (earlier
 * when negative); what moves past the horizon is dropped, and the periods it leaves are 0. Frozen
 * periods are neither written nor read from: they keep their values, and the shifted values
 * start after them.
 */
export function shiftLaunchEdits(
  plan: PlanDoc,
  sku: string,
  periods: number,
  measures: readonly Measure[] = ['demand', 'supply'],
): CellEdit[] {
  const meta = plan.readMeta()
  if (!Number.isInteger(periods) || periods === 0 || !plan.items.has(sku)) return []
  const first = Math.max(0, meta.frozenThrough + 1)
  const edits: CellEdit[] = []
  for (const measure of measures) {
    if (!plan.row(measure, sku)) continue
    const row = plan.readRow(measure, sku)
    for (let period = first; period < meta.periodCount; period++) {
      const source = period - periods
      const value = source >= first && source < meta.periodCount ? (row[source] ?? 0) : 0
      if (value !== row[period]) edits.push({ measure, key: sku, period, value })
    }
  }
  return edits
}

/** Scales demand (see {@link scaleDemandEdits}) in one transaction: one step to undo. */
export function scaleDemand(
  plan: PlanDoc,
  target: WhatIfTarget,
  change: WhatIfChange,
  origin?: unknown,
): CellEdit[] {
  const edits = scaleDemandEdits(plan, target, change)
  writeCells(plan, edits, origin)
  return edits
}

/** Shifts a launch (see {@link shiftLaunchEdits}) in one transaction: one step to undo. */
export function shiftLaunch(
  plan: PlanDoc,
  sku: string,
  periods: number,
  origin?: unknown,
  measures?: readonly Measure[],
): CellEdit[] {
  const edits = shiftLaunchEdits(plan, sku, periods, measures)
  writeCells(plan, edits, origin)
  return edits
}

function periodRange(meta: PlanMeta, target: WhatIfTarget): [number, number] {
  const first = Math.max(target.fromPeriod ?? 0, 0)
  const last = Math.min(target.toPeriod ?? meta.periodCount - 1, meta.periodCount - 1)
  let start = first
  while (start <= last && isFrozenPeriod(meta, start)) start++
  return [start, last]
}

function clampToPlan(meta: PlanMeta, value: number): number {
  const scale = 10 ** meta.decimals
  const rounded = Math.round(value * scale) / scale
  return Math.min(Math.max(rounded, 0), meta.maxValue)
}
