import type { Role } from '../rules/role.js'

/** A new account, as an admin creates it (`POST /api/users`). */
export interface NewUser {
  email: string
  name: string
  password: string
  isAdmin?: boolean
  defaultRole?: Role | null
}
