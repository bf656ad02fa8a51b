import type * as Y from 'yjs'
import { demandLocked } from '../cycle/cycle-stage.js'
import { currentStage } from '../cycle/cycle-state.js'
import type { PlanMeta } from '../plan-meta.js'
import type { Measure } from '../roots.js'
import { describeCell } from './check-cell-edit.js'
import type { Role } from './role.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'

/**
 * Once the demand review is signed off, sales' demand is the sales submission: a sales user's
 * demand edits are refused until a planner reopens the demand review. Planners may still adjust
 * demand in the later stages (reconciling supply and demand is their job), and every such edit
 * is in the cell history.
 */
export function checkDemandLock(
  doc: Y.Doc,
  meta: PlanMeta,
  role: Role,
  measure: Measure,
  key: string,
  period: number,
): RuleViolation | undefined {
  if (measure !== 'demand' || role !== 'sales') return undefined
  const stage = currentStage(doc)
  if (!demandLocked(stage)) return undefined
  return violation(
    'stageLocked',
    `The demand review is signed off (the plan is in the ${stage} stage): demand is locked until a planner reopens it: ${describeCell(meta, measure, key, period)}`,
    { root: measure, key, period },
  )
}
