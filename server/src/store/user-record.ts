import type { Role } from '@tandem/shared'

/** A person who can sign in. The password is kept only as an scrypt hash. */
export interface UserRecord {
  id: string
  /** Lower-case; unique. */
  email: string
  name: string
  passwordHash: string
  isAdmin: boolean
  /** The workspace default role, used for plans that give this user none; null = no access. */
  defaultRole: Role | null
  disabled: boolean
  /** ISO timestamp. */
  createdAt: string
  /**
   * Starts at 0; logout and password changes bump it (Accounts.bumpSessionVersion). A token
   * carries the version it was signed with and is refused once it is older.
   */
  sessionVersion: number
}

/** The fields an admin may change. */
export type UserPatch = Partial<
  Pick<UserRecord, 'name' | 'passwordHash' | 'isAdmin' | 'defaultRole' | 'disabled'>
>

/** Raised when an email is taken. */
export class UserExistsError extends Error {
  constructor(readonly email: string) {
    super(`A user with email ${email} already exists`)
  }
}
