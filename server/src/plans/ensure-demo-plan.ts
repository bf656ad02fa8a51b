import { demoPlan } from '@tandem/shared'
import type { PlanLog } from '../store/plan-log.js'
import { PlanExistsError } from '../store/plan-log.js'
import { planSnapshot } from './plan-snapshot.js'

/** The id of the plan created on first start. */
export const DEMO_PLAN_ID = 'demo'

/** Creates the demo plan (about 200 SKUs × 26 weeks, three years of history) unless it exists. Returns true if created. */
export async function ensureDemoPlan(log: PlanLog): Promise<boolean> {
  if (await log.getPlan(DEMO_PLAN_ID)) return false
  const { record, snapshot } = planSnapshot(
    DEMO_PLAN_ID,
    demoPlan({ name: 'Demo plan', history: true, transfers: true }),
  )
  try {
    await log.createPlan(record, snapshot)
    return true
  } catch (error) {
    if (error instanceof PlanExistsError) return false
    throw error
  }
}
