import type { Role } from '../rules/role.js'

/** What an admin may change about a user (`PATCH /api/users/:id`); a password replaces the old one. */
export interface UserChange {
  name?: string
  password?: string
  isAdmin?: boolean
  defaultRole?: Role | null
  disabled?: boolean
}
