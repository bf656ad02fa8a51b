import type { Role } from '@tandem/shared'
import type { PlanStore } from '../store/plan-store.js'
import type { UserRecord } from '../store/user-record.js'

/**
 * The role a user holds in a plan: the plan's own assignment, else the user's workspace
 * default, else planner for an admin. Undefined means no access.
 */
export async function planRole(
  store: PlanStore,
  user: UserRecord,
  planId: string,
): Promise<Role | undefined> {
  if (user.disabled) return undefined
  const roles = await store.getPlanRoles(planId)
  return roles[user.id] ?? user.defaultRole ?? (user.isAdmin ? 'planner' : undefined)
}
