import * as Y from 'yjs'
import type { PlanDoc } from '../plan-doc.js'
import { HISTORY_PERIODS } from './history-periods.js'
import type { ActualsKind } from './actuals-kind.js'
import { actualsParts } from './actuals-kind.js'

/**
 * One SKU's actuals: a base of `historyPeriods + periodCount` entries (a number, or null for a
 * period without an actual), position i being plan period i − historyPeriods, and an overlay of
 * edited cells keyed by the plan period index ("-156" … "-1" for history, "0" … for the plan).
 */
export interface ActualsRow {
  base: Y.Array<number | null>
  edits: Y.Map<number>
}

/**
 * The actuals row of a SKU, if one was created: actual demand, or with `kind` production the
 * row's actual production (undefined in rows written before it existed).
 */
export function actualsRow(
  plan: PlanDoc,
  sku: string,
  kind: ActualsKind = 'demand',
): ActualsRow | undefined {
  const row = plan.actuals.get(sku)
  if (!(row instanceof Y.Map)) return undefined
  const parts = actualsParts(kind)
  const base = row.get(parts.base)
  const edits = row.get(parts.edits)
  if (!(base instanceof Y.Array) || !(edits instanceof Y.Map)) return undefined
  return { base: base as Y.Array<number | null>, edits: edits as Y.Map<number> }
}

/** How many entries an actuals row of this plan has, and the period of the first. */
export function actualsSpan(plan: PlanDoc): { first: number; length: number } {
  const meta = plan.readMeta()
  const history = HISTORY_PERIODS[meta.periodKind]
  return { first: -history, length: history + meta.periodCount }
}

/**
 * A SKU's actuals (demand, or with `kind` production) from the first history period through the
 * last plan period, overlay applied; null where there is no actual. All null without a row.
 */
export function readActuals(
  plan: PlanDoc,
  sku: string,
  kind: ActualsKind = 'demand',
): (number | null)[] {
  const { first, length } = actualsSpan(plan)
  const values = new Array<number | null>(length).fill(null)
  const row = actualsRow(plan, sku, kind)
  if (!row) return values
  row.base.toArray().forEach((v, i) => {
    if (i < length && typeof v === 'number' && Number.isFinite(v)) values[i] = v
  })
  row.edits.forEach((v, key) => {
    const i = Number(key) - first
    if (Number.isInteger(i) && i >= 0 && i < length && typeof v === 'number') values[i] = v
  })
  return values
}
