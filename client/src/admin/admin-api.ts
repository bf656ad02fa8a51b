import { call } from '../api/plans-api.js'
import type {
  NewUser,
  PlanRoleAssignment,
  PlanRoleChange,
  PlanRoles,
  PublicUser,
  UserChange,
} from '@tandem/shared'
import { USE_DEFAULT_ROLE } from '@tandem/shared'

export async function listUsers(): Promise<PublicUser[]> {
  return (await call<{ users: PublicUser[] }>('/api/users')).users
}

export async function createUser(user: NewUser): Promise<PublicUser> {
  const body = JSON.stringify(user)
  return (await call<{ user: PublicUser }>('/api/users', { method: 'POST', body })).user
}

export async function updateUser(id: string, change: UserChange): Promise<PublicUser> {
  const path = `/api/users/${encodeURIComponent(id)}`
  const body = JSON.stringify(change)
  return (await call<{ user: PublicUser }>(path, { method: 'PATCH', body })).user
}

export async function getPlanRoles(planId: string): Promise<PlanRoles> {
  const path = `/api/plans/${encodeURIComponent(planId)}/roles`
  return (await call<{ roles: PlanRoles }>(path)).roles
}

/**
 * Sets a user's own role in a plan, denies them the plan (`none`), or clears the assignment
 * (null here, sent as `default`) so that their default applies again.
 */
export async function setPlanRole(
  planId: string,
  userId: string,
  role: PlanRoleAssignment | null,
): Promise<PlanRoles> {
  const path = `/api/plans/${encodeURIComponent(planId)}/roles/${encodeURIComponent(userId)}`
  const change: PlanRoleChange = role ?? USE_DEFAULT_ROLE
  const body = JSON.stringify({ role: change })
  return (await call<{ roles: PlanRoles }>(path, { method: 'PUT', body })).roles
}
