import type { Role } from '@tandem/shared'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'

/**
 * The role a user holds in a plan: the plan's own assignment, else the user's workspace
 * default, else planner for an admin. Undefined means no access.
 */
export async function planRole(
  accounts: Pick<Accounts, 'getPlanRoles'>,
  user: UserRecord,
  planId: string,
): Promise<Role | undefined> {
  if (user.disabled) return undefined
  const roles = await accounts.getPlanRoles(planId)
  return roles[user.id] ?? user.defaultRole ?? (user.isAdmin ? 'planner' : undefined)
}
