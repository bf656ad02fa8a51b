import { setImmediate as yieldToLoop } from 'node:timers/promises'
import * as Y from 'yjs'
import type { AccuracySku, PlanDoc } from '@tandem/shared'
import { actualsRow, actualsSpan, HISTORY_PERIODS, SEASON_LENGTHS } from '@tandem/shared'
import type { LiveAccuracy } from './accuracy-job.js'

/** SKUs read between two turns of the event loop. */
const SKUS_PER_TURN = 500

const revisions = new WeakMap<Y.Doc, { token: string; revision: number }>()
let tokens = 0

/**
 * The revision of a live document's actuals and master data: it moves on with every change to
 * either root (observed from the first call), and a reloaded room starts a new token. With the
 * versions' ids it keys the accuracy caches.
 */
export function actualsRevision(doc: Y.Doc): string {
  let entry = revisions.get(doc)
  if (!entry) {
    const created = { token: `d${++tokens}`, revision: 0 }
    const bump = () => void created.revision++
    doc.getMap('actuals').observeDeep(bump)
    doc.getMap('items').observeDeep(bump)
    doc.getMap('meta').observe(bump)
    revisions.set(doc, created)
    entry = created
  }
  return `${entry.token}:${entry.revision}`
}

/**
 * The live plan's SKUs and actuals (demand and production) packed for the accuracy worker, read
 * SKUS_PER_TURN at a time (the master data, then the actuals) so other plans' sync keeps its
 * turns of the event loop: 10,000 SKUs read in one go held it for 40 to 60 ms.
 */
export async function readLiveAccuracy(planId: string, plan: PlanDoc): Promise<LiveAccuracy> {
  const meta = plan.readMeta()
  const { first, length: span } = actualsSpan(plan)
  const skus: AccuracySku[] = []
  const ids = [...plan.items.keys()]
  for (let from = 0; from < ids.length; from += SKUS_PER_TURN) {
    if (from > 0) await yieldToLoop()
    for (const sku of ids.slice(from, from + SKUS_PER_TURN)) {
      // An item removed since the keys were taken is skipped.
      const item = plan.isRetired(sku) ? undefined : plan.readItem(sku)
      if (!item) continue
      skus.push({
        sku,
        name: item.name,
        family: item.family,
        site: item.site,
        resource: item.resource,
      })
    }
  }
  skus.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
  const actualDemand = new Float64Array(skus.length * span).fill(Number.NaN)
  const actualProduction = new Float64Array(skus.length * span).fill(Number.NaN)
  for (let from = 0; from < skus.length; from += SKUS_PER_TURN) {
    if (from > 0) await yieldToLoop()
    for (let i = from; i < Math.min(skus.length, from + SKUS_PER_TURN); i++) {
      pack(plan, skus[i]!.sku, 'demand', actualDemand, i * span, first, span)
      pack(plan, skus[i]!.sku, 'production', actualProduction, i * span, first, span)
    }
  }
  return {
    planId,
    periodKind: meta.periodKind,
    firstPeriod: meta.firstPeriod,
    historyPeriods: HISTORY_PERIODS[meta.periodKind],
    span,
    skus,
    actualDemand,
    actualProduction,
    seasonLength: SEASON_LENGTHS[meta.periodKind],
  }
}

function pack(
  plan: PlanDoc,
  sku: string,
  kind: 'demand' | 'production',
  into: Float64Array,
  offset: number,
  first: number,
  span: number,
): void {
  const row = actualsRow(plan, sku, kind)
  if (!row) return
  const base = row.base.toArray()
  for (let j = 0; j < span && j < base.length; j++) {
    const v = base[j]
    if (typeof v === 'number' && Number.isFinite(v)) into[offset + j] = v
  }
  row.edits.forEach((v, key) => {
    const j = Number(key) - first
    if (Number.isInteger(j) && j >= 0 && j < span && typeof v === 'number') into[offset + j] = v
  })
}
