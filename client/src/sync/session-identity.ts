import type { Role } from '@tandem/shared'

/** Who opens the plan: the server knows it from the session cookie; the client checks edits with it. */
export interface SessionIdentity {
  userId: string
  name: string
  role: Role
}
