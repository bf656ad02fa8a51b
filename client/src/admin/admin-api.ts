import type { Role } from '@tandem/shared'
import { call } from '../api/plans-api.js'
import type { NewUser, PublicUser, UserChange } from '@tandem/shared'

/** Each user's own role in one plan, by user id; users without one fall back to their default. */
export type PlanRoles = Record<string, Role>

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

/** Sets a user's own role in a plan, or clears it (null) so that their default applies. */
export async function setPlanRole(
  planId: string,
  userId: string,
  role: Role | null,
): Promise<PlanRoles> {
  const path = `/api/plans/${encodeURIComponent(planId)}/roles/${encodeURIComponent(userId)}`
  const body = JSON.stringify({ role })
  return (await call<{ roles: PlanRoles }>(path, { method: 'PUT', body })).roles
}
