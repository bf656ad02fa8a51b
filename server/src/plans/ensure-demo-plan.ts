import { demoPlan } from '@tandem/shared'
import type { PlanStore } from '../store/plan-store.js'
import { PlanExistsError } from '../store/plan-store.js'
import { planSnapshot } from './plan-snapshot.js'

/** The id of the plan created on first start. */
export const DEMO_PLAN_ID = 'demo'

/** Creates the demo plan (about 200 SKUs × 26 weeks) unless it exists. Returns true if created. */
export async function ensureDemoPlan(store: PlanStore): Promise<boolean> {
  if (await store.getPlan(DEMO_PLAN_ID)) return false
  const { record, snapshot } = planSnapshot(DEMO_PLAN_ID, demoPlan({ name: 'Demo plan' }))
  try {
    await store.createPlan(record, snapshot)
    return true
  } catch (error) {
    if (error instanceof PlanExistsError) return false
    throw error
  }
}
