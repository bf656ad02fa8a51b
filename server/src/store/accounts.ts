import type { PlanRoleAssignment, PlanRoles, PlanSiteScopes } from '@tandem/shared'
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
  /**
   * Sets a user's assignment in one plan: a role, `none` (an explicit deny that overrides the
   * workspace default), or with null no assignment, so that the default applies again.
   */
  setPlanRole(planId: string, userId: string, role: PlanRoleAssignment | null): Promise<void>
  /** Assignments given in one plan, by user id, denies included. */
  getPlanRoles(planId: string): Promise<PlanRoles>
  /**
   * Scopes a user's role in one plan to these sites (kept with the plan's roles, dropped with
   * the plan), or with null lifts the scope. An empty list scopes to no site at all.
   */
  setPlanSiteScope(planId: string, userId: string, sites: string[] | null): Promise<void>
  /** The site scopes set in one plan, by user id. */
  getPlanSiteScopes(planId: string): Promise<PlanSiteScopes>
  /**
   * Adds one to the user's session version, atomically, and returns the new version (undefined
   * when there is no such user). Every token signed with an older version is refused after.
   */
  bumpSessionVersion(id: string): Promise<number | undefined>
  /** Stores `value` under `key` unless one is there; returns the value that is stored. */
  ensureSetting(key: string, value: string): Promise<string>
}
