import * as Y from 'yjs'
import { PlanDoc } from '@tandem/shared'
import type { BenchPlan } from './bench-plan.js'
import { slotClient } from './edit-key.js'
import { planDocFrom } from './bench-plan.js'

/**
 * Generates single-cell updates for writer slots. Each slot owns its own demand rows, so any
 * prefix of a slot's stream applies cleanly to a fresh copy of the plan, whatever the other
 * slots sent. Past the slot's cells the stream overwrites them again.
 */
export function generateEditStreams(plan: BenchPlan, counts: number[]): Uint8Array[][] {
  const doc = planDocFrom(plan)
  const planDoc = new PlanDoc(doc)
  const skus = [...planDoc.demand.keys()].sort()
  const slots = counts.length
  const streams: Uint8Array[][] = counts.map(() => [])
  let current: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => current.push(update))
  for (let slot = 0; slot < slots; slot++) {
    doc.clientID = slotClient(slot)
    current = streams[slot]
    const rows = skus.filter((_, i) => i % slots === slot)
    const cells = Math.max(1, rows.length) * plan.periodCount
    for (let j = 0; j < counts[slot]; j++) {
      const cell = j % cells
      const sku = rows[Math.floor(cell / plan.periodCount)] ?? skus[0]
      planDoc.writeCell('demand', sku, cell % plan.periodCount, (j % 997) + 1)
    }
  }
  doc.destroy()
  return streams
}

/** Checks that a stream was generated against the plan: its first update applies cleanly. */
export function appliesCleanly(plan: BenchPlan, update: Uint8Array): boolean {
  const doc = planDocFrom(plan)
  Y.applyUpdate(doc, update)
  const clean = doc.store.pendingStructs === null
  doc.destroy()
  return clean
}
