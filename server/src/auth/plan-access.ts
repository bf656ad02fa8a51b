import type { Role } from '@tandem/shared'
import { NO_PLAN_ACCESS } from '@tandem/shared'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'

/**
 * The role a user holds in a plan: the plan's own assignment, else the user's workspace
 * default, else planner for an admin. Undefined means no access; a plan's `none` is a deny
 * that neither the default nor the admin right overrides.
 */
export async function planRole(
  accounts: Pick<Accounts, 'getPlanRoles'>,
  user: UserRecord,
  planId: string,
): Promise<Role | undefined> {
  if (user.disabled) return undefined
  const own = (await accounts.getPlanRoles(planId))[user.id]
  if (own === NO_PLAN_ACCESS) return undefined
  return own ?? user.defaultRole ?? (user.isAdmin ? 'planner' : undefined)
}
