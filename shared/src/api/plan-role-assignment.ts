import type { Role } from '../rules/role.js'
import { isRole } from '../rules/role.js'

/** The assignment that denies a user a plan, whatever their workspace default role. */
export const NO_PLAN_ACCESS = 'none'

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
