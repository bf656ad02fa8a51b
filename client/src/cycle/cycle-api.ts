import type { CycleChangeResult, CycleStage } from '@tandem/shared'
import { call } from '../api/plans-api.js'

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/cycle`

/** Signs off the current stage; the server writes the sign-off under the signed-in user. */
export function signOffStage(planId: string, stage: CycleStage): Promise<CycleChangeResult> {
  return call(`${base(planId)}/sign-off`, { method: 'POST', body: JSON.stringify({ stage }) })
}

/** A planner takes the plan back to a signed-off stage, with the reason that is kept. */
export function reopenStage(
  planId: string,
  stage: CycleStage,
  reason: string,
): Promise<CycleChangeResult> {
  return call(`${base(planId)}/reopen`, {
    method: 'POST',
    body: JSON.stringify({ stage, reason }),
  })
}
