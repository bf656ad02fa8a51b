import type { Role } from './role.js'
import { stageOfDueKey } from '../cycle/cycle-state.js'
import { deleted, singleValue } from './item-content.js'
import type { Place } from './place-resolver.js'
import type { RuleViolation } from './rule-violation.js'
import { violation } from './rule-violation.js'
import type * as Y from 'yjs'

/**
 * A client's write into the `cycle` root: only a planner's due date of a stage (`due.<stage>`,
 * `YYYY-MM-DD` or empty). The stage, sign-offs and reopenings are written by the server alone,
 * through the sign-off and reopen routes, so no one can sign off in someone else's name.
 */
export function checkCycleWrite(role: Role, place: Place, item: Y.Item): RuleViolation | undefined {
  const [key] = place.keys
  const at = { root: 'cycle', key, field: key }
  const stage = place.keys.length === 1 ? stageOfDueKey(key) : undefined
  if (!stage) {
    return violation(
      'forbiddenRole',
      `The cycle's ${key} is written only by Tandem when a stage is signed off or reopened`,
      at,
    )
  }
  if (role !== 'planner')
    return violation('forbiddenRole', `Only a planner may set the due date of ${stage}`, at)
  const value = singleValue(item)
  if (value === deleted || value === '') return undefined
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  )
    return undefined
  return violation('badValue', `The due date of ${stage} must be YYYY-MM-DD`, at)
}
