import type { Role } from '../rules/role.js'

/** The stages of a monthly S&OP cycle, in order. */
export const CYCLE_STAGES = [
  'dataGathering',
  'demandReview',
  'supplyReview',
  'preSop',
  'executiveSop',
] as const

export type CycleStage = (typeof CYCLE_STAGES)[number]

/** The role that owns each stage and signs it off. Planners may sign off any stage for its owner. */
export const STAGE_OWNER: Readonly<Record<CycleStage, Role>> = {
  dataGathering: 'planner',
  demandReview: 'sales',
  supplyReview: 'production',
  preSop: 'planner',
  executiveSop: 'planner',
}

export function isCycleStage(value: unknown): value is CycleStage {
  return typeof value === 'string' && (CYCLE_STAGES as readonly string[]).includes(value)
}

export function stageIndex(stage: CycleStage): number {
  return CYCLE_STAGES.indexOf(stage)
}

/** The stage after `stage`, or null after the executive S&OP (the cycle is complete). */
export function nextStage(stage: CycleStage): CycleStage | null {
  return CYCLE_STAGES[stageIndex(stage) + 1] ?? null
}

/** May a person with `role` sign off `stage`? Its owner may, and so may a planner. */
export function maySignOff(role: Role, stage: CycleStage): boolean {
  return role === STAGE_OWNER[stage] || role === 'planner'
}

/**
 * Sales' demand edits are locked once the demand review is signed off, that is while the
 * current stage is past it, until a planner reopens the demand review.
 */
export function demandLocked(current: CycleStage): boolean {
  return stageIndex(current) > stageIndex('demandReview')
}
