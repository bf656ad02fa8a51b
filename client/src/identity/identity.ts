import type { Role } from '@tandem/shared'
import type { SessionUser } from '../auth/session-user.js'
import { personColour } from './person-colour.js'

/** Who I am in one plan: my name and colour for presence, my role there for the rules. */
export interface Identity {
  userId: string
  name: string
  role: Role
  colour: string
}

export function identityIn(user: SessionUser, role: Role): Identity {
  return { userId: user.id, name: user.name, role, colour: personColour(user.id) }
}
