import type { Role } from '@tandem/shared'
import { effectiveSiteScope, NO_PLAN_ACCESS } from '@tandem/shared'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'

/** Where a scenario's access comes from: its base plan, and whether it is archived. */
export interface ScenarioAccess {
  baseId: string
  archived: boolean
}

/** What a role is looked up in: the plans' assignments and, when known, scenarios' bases. */
export interface PlanAccessLookup extends Pick<Accounts, 'getPlanRoles'> {
  scenarioAccess?(planId: string): Promise<ScenarioAccess | undefined>
}

/**
 * The role a user holds in a plan: the plan's own assignment, else the user's workspace
 * default, else planner for an admin. Undefined means no access; a plan's `none` is a deny
 * that neither the default nor the admin right overrides. In a scenario the role is the one in
 * its base plan, and `viewer` once the scenario is archived (promoted or discarded).
 */
export async function planRole(
  accounts: PlanAccessLookup,
  user: UserRecord,
  planId: string,
): Promise<Role | undefined> {
  if (user.disabled) return undefined
  const scenario = await accounts.scenarioAccess?.(planId)
  const accessId = scenario?.baseId ?? planId
  const own = (await accounts.getPlanRoles(accessId))[user.id]
  if (own === NO_PLAN_ACCESS) return undefined
  const role = own ?? user.defaultRole ?? (user.isAdmin ? 'planner' : undefined)
  return role && scenario?.archived ? 'viewer' : role
}

/**
 * The sites a user's role is scoped to in a plan (a scenario: in its base plan), or undefined
 * for every site. Only sales and production roles are scoped; a planner or viewer never is.
 */
export async function planSiteScope(
  accounts: Pick<Accounts, 'getPlanSiteScopes'> & Pick<PlanAccessLookup, 'scenarioAccess'>,
  userId: string,
  planId: string,
  role: Role,
): Promise<readonly string[] | undefined> {
  const scenario = await accounts.scenarioAccess?.(planId)
  const scopes = await accounts.getPlanSiteScopes(scenario?.baseId ?? planId)
  return effectiveSiteScope(role, scopes[userId])
}
