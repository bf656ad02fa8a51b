import type { Role } from '@tandem/shared'
import { isRole } from '@tandem/shared'
import { personColour } from '../presence/person-colour.js'

/** Who is using this browser, until accounts exist: kept in localStorage. */
export interface Identity {
  name: string
  role: Role
  colour: string
}

const STORAGE_KEY = 'tandem:identity'

export function loadIdentity(): Identity | undefined {
  try {
    const stored = JSON.parse(
      localStorage.getItem(STORAGE_KEY) ?? 'null',
    ) as Partial<Identity> | null
    if (!stored || typeof stored.name !== 'string' || !stored.name.trim() || !isRole(stored.role)) {
      return undefined
    }
    return {
      name: stored.name.trim(),
      role: stored.role,
      colour: typeof stored.colour === 'string' ? stored.colour : personColour(stored.name),
    }
  } catch {
    return undefined
  }
}

export function saveIdentity(identity: Identity): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(identity))
}
