import type { PublicUser, Role } from '@tandem/shared'
import { isRole } from '@tandem/shared'

/** The signed-in person, as `/api/me` describes them (what the board needs of it offline). */
export type SessionUser = Pick<PublicUser, 'id' | 'email' | 'name' | 'isAdmin' | 'defaultRole'>

const STORAGE_KEY = 'tandem:last-user'

/** Remembers who signed in last, so that the board can open offline from the local copy. */
export function rememberUser(user: SessionUser): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(user))
}

export function forgetUser(): void {
  localStorage.removeItem(STORAGE_KEY)
}

export function lastUser(): SessionUser | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as SessionUser | null
    if (!stored || typeof stored.id !== 'string' || typeof stored.name !== 'string')
      return undefined
    return { ...stored, defaultRole: isRole(stored.defaultRole) ? stored.defaultRole : null }
  } catch {
    return undefined
  }
}

const roleKey = (planId: string, userId: string) => `tandem:role:${planId}:${userId}`

/** My role in a plan, kept for opening the plan offline. */
export function rememberRole(planId: string, userId: string, role: Role): void {
  localStorage.setItem(roleKey(planId, userId), role)
}

export function rememberedRole(planId: string, userId: string): Role | undefined {
  const stored = localStorage.getItem(roleKey(planId, userId))
  return isRole(stored) ? stored : undefined
}
