import { planSnapshot } from '@tandem/server'
import { demoPlan } from '@tandem/shared'
import type { BenchPlan } from './bench-plan.js'

/** Builds a seeded demo plan of the given size and encodes its snapshot. */
export function buildBenchPlan(skuCount: number, periodCount: number, id = 'bench'): BenchPlan {
  const { record, snapshot } = planSnapshot(id, demoPlan({ skuCount, periodCount, seed: 7 }))
  return { id, record, snapshot, skuCount, periodCount }
}
