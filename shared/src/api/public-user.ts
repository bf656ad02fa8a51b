import type { Role } from '../rules/role.js'

/** A user as the API shows them: never the password hash. */
export interface PublicUser {
  id: string
  email: string
  name: string
  isAdmin: boolean
  /** The role in plans that assign none; null means no access to such plans. */
  defaultRole: Role | null
  disabled: boolean
}
