import { isValidId } from '../ids.js'
import type { Role } from '../rules/role.js'

/**
 * The sites each user's role is scoped to in one plan, by user id
 * (`GET /api/plans/:id/scopes`). A user without an entry works at every site.
 */
export type PlanSiteScopes = Record<string, string[]>

/** The body of `PUT /api/plans/:id/scopes/:userId`: site ids, or null to lift the scope. */
export interface SiteScopeBody {
  sites: string[] | null
}

/** The roles a site scope applies to: those that write cells of one site's rows. */
export const SCOPED_ROLES: readonly Role[] = ['sales', 'production']

/** The scope a user works under: undefined (every site) unless the role is a scoped one. */
export function effectiveSiteScope(
  role: Role,
  sites: readonly string[] | undefined,
): readonly string[] | undefined {
  return sites && SCOPED_ROLES.includes(role) ? sites : undefined
}

/** A stored scope as a list of site ids; anything else (never written) reads as no scope. */
export function readSiteScope(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every(isValidId) ? [...value] : undefined
}

/** Whether two site scopes are the same (undefined = every site); the order does not matter. */
export function sameSites(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.length === b.length && a.every((site) => b.includes(site))
}
