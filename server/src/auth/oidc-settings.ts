import type { Role } from '@tandem/shared'
import { ROLES } from '@tandem/shared'

/** What a value of the role claim grants: a workspace role, or admin rights. */
export type GrantedAccess = Role | 'admin'

/** OpenID Connect single sign-on, as configured by the TANDEM_OIDC_* variables. */
export interface OidcSettings {
  /** The provider's issuer URL; its discovery document is read from it. */
  issuer: string
  clientId: string
  clientSecret: string
  /**
   * The callback URL registered at the provider. When absent it is derived from each request
   * (`<protocol>://<host>/api/auth/oidc/callback`, honouring TANDEM_TRUST_PROXY).
   */
  redirectUrl: string | undefined
  /** Scopes asked for, `openid` included. */
  scopes: string
  /** The claim (in the ID token or userinfo) whose values map to Tandem roles. */
  roleClaim: string
  /** Claim value → what it grants. Empty: the values are Tandem's own role names and `admin`. */
  roleMap: ReadonlyMap<string, GrantedAccess>
  /** What the sign-in button says. */
  label: string
}

const GRANTS: readonly GrantedAccess[] = [...ROLES, 'admin']

/**
 * Parses TANDEM_OIDC_ROLE_MAP: `value=role` pairs separated by commas, e.g.
 * `s&op-planners=planner,sales=sales,it-admins=admin`. Throws on a pair it cannot read.
 */
export function parseRoleMap(raw: string | undefined): Map<string, GrantedAccess> {
  const map = new Map<string, GrantedAccess>()
  for (const pair of (raw ?? '').split(',')) {
    if (!pair.trim()) continue
    const at = pair.lastIndexOf('=')
    const value = pair.slice(0, at).trim()
    const grant = pair.slice(at + 1).trim() as GrantedAccess
    if (at <= 0 || !value || !GRANTS.includes(grant)) {
      throw new Error(
        `TANDEM_OIDC_ROLE_MAP: "${pair.trim()}" must be claim-value=role, with a role among ${GRANTS.join(', ')}`,
      )
    }
    map.set(value, grant)
  }
  return map
}

/** The workspace access a provider's claims give; undefined when the role claim is absent. */
export interface WorkspaceAccess {
  defaultRole: Role | null
  isAdmin: boolean
}

/** When a person has several roles, the one that may do most wins. */
const ROLE_PRECEDENCE: readonly Role[] = ['planner', 'production', 'sales', 'viewer']

/**
 * Reads the role claim (a string, a space- or comma-separated string, or an array of strings)
 * and maps its values. Absent claim: undefined, so the account keeps what it has. Present but
 * matching nothing: no workspace role and no admin rights.
 */
export function workspaceAccess(
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'roleClaim' | 'roleMap'>,
): WorkspaceAccess | undefined {
  const raw = claims[settings.roleClaim]
  if (raw === undefined || raw === null) return undefined
  const values = (
    Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : []
  ).filter((value): value is string => typeof value === 'string' && value.length > 0)
  const grants = new Set<GrantedAccess>()
  for (const value of values) {
    const grant =
      settings.roleMap.size > 0
        ? settings.roleMap.get(value)
        : GRANTS.find((candidate) => candidate === value)
    if (grant) grants.add(grant)
  }
  return {
    defaultRole: ROLE_PRECEDENCE.find((role) => grants.has(role)) ?? null,
    isAdmin: grants.has('admin'),
  }
}
