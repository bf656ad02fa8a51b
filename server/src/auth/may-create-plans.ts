import { ApiProblem } from '../http/api-problem.js'
import type { UserRecord } from '../store/user-record.js'

/**
 * Creating a plan (new, imported or rolled forward) needs a workspace planner or an admin; a
 * planner of one plan only may not start others.
 */
export function requireMayCreatePlans(user: UserRecord): void {
  if (!user.isAdmin && user.defaultRole !== 'planner') {
    throw new ApiProblem('forbidden', 'Only a planner or an admin may create plans')
  }
}
