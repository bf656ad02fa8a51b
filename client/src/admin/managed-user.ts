import type { Role } from '@tandem/shared'

/** A user as the admin REST API describes them. */
export interface ManagedUser {
  id: string
  email: string
  name: string
  isAdmin: boolean
  /** The role in plans that assign none; null means no access to such plans. */
  defaultRole: Role | null
  disabled: boolean
}

/** What an admin may change about a user; a password set here replaces the old one. */
export interface UserChange {
  name?: string
  password?: string
  isAdmin?: boolean
  defaultRole?: Role | null
  disabled?: boolean
}

/** A new account, as the create-user form sends it. */
export interface NewUser {
  email: string
  name: string
  password: string
  isAdmin: boolean
  defaultRole: Role | null
}
