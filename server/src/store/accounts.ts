import type { Role } from '@tandem/shared'
import type { UserPatch, UserRecord } from './user-record.js'

/**
 * Who can sign in, which role each has in each plan, and workspace settings. Every method that
 * reads, modifies and writes is atomic. Every backend passes tests/integration/accounts.contract.ts.
 */
export interface Accounts {
  /**
   * Creates a user in one atomic step; throws UserExistsError when the email is taken. If it
   * fails, nothing of the user is kept and the email stays free.
   */
  createUser(user: UserRecord): Promise<void>
  getUser(id: string): Promise<UserRecord | undefined>
  /** Looks a user up by lower-case email. */
  getUserByEmail(email: string): Promise<UserRecord | undefined>
  /** Oldest first. */
  listUsers(): Promise<UserRecord[]>
  /**
   * Applies a patch atomically (concurrent patches of different fields all survive) and returns
   * the updated user, or undefined if there is none.
   */
  updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined>
  /** Sets or (with null) removes a user's role in one plan. */
  setPlanRole(planId: string, userId: string, role: Role | null): Promise<void>
  /** Roles given in one plan, by user id. */
  getPlanRoles(planId: string): Promise<Record<string, Role>>
  /** Stores `value` under `key` unless one is there; returns the value that is stored. */
  ensureSetting(key: string, value: string): Promise<string>
}
