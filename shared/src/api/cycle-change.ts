import type { CycleStage } from '../cycle/cycle-stage.js'
import type { CycleState } from '../cycle/cycle-state.js'
import type { PlanVersion } from './plan-version.js'

/** `POST /api/plans/:id/cycle/sign-off`: the caller signs off the current stage. */
export interface SignOffRequest {
  stage: CycleStage
}

/** `POST /api/plans/:id/cycle/reopen`: a planner takes the plan back to a signed-off stage. */
export interface ReopenRequest {
  stage: CycleStage
  reason: string
}

/** The answer to both: the cycle after the change, and the version a sign-off took, if any. */
export interface CycleChangeResult {
  cycle: CycleState
  version?: PlanVersion
}
