import type { Role } from '../rules/role.js'
import { isRole } from '../rules/role.js'

/** The assignment that denies a user a plan, whatever their workspace default role. */
export const NO_PLAN_ACCESS = 'none'

/**
 * What `PUT /api/plans/:id/roles/:userId` takes to clear a user's assignment, so that their
 * workspace default applies again. `null` (a role removed) is a deny, like `none`.
 */
export const USE_DEFAULT_ROLE = 'default'

/** The body's `role` of `PUT /api/plans/:id/roles/:userId`. */
export type PlanRoleChange = PlanRoleAssignment | typeof USE_DEFAULT_ROLE | null

/**
 * What a plan itself says about one user: a role, or `none`, an explicit deny. A user the plan
 * says nothing about falls back to their workspace default role.
 */
export type PlanRoleAssignment = Role | typeof NO_PLAN_ACCESS

/** A plan's own assignments, by user id (`GET /api/plans/:id/roles`). */
export type PlanRoles = Record<string, PlanRoleAssignment>

export function isPlanRoleAssignment(value: unknown): value is PlanRoleAssignment {
  return value === NO_PLAN_ACCESS || isRole(value)
}
