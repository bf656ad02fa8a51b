import { randomBytes, randomUUID } from 'node:crypto'
import type { Accounts } from '../store/accounts.js'
import type { UserPatch, UserRecord } from '../store/user-record.js'
import { UserExistsError } from '../store/user-record.js'
import type { OidcSettings } from './oidc-settings.js'
import { workspaceAccess } from './oidc-settings.js'
import { hashPassword } from './password.js'

/** Why a provider's claims give no Tandem account. */
export class SsoAccountRefused extends Error {
  constructor(
    readonly code: 'ssoNoEmail' | 'ssoDisabled',
    message: string,
  ) {
    super(message)
  }
}

/**
 * The Tandem account for a person the provider signed in, matched by email. A first sign-in
 * creates the account (with a random password nobody knows: SSO users sign in through SSO
 * until an admin sets one). When the role claim is present, it decides the workspace role and
 * admin rights at every sign-in, so a change at the provider reaches Tandem at the next one;
 * without it the account keeps what an admin gave it. Per-plan roles are never touched.
 */
export async function ssoAccount(
  accounts: Accounts,
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'roleClaim' | 'roleMap'>,
): Promise<UserRecord> {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : ''
  if (!email || !email.includes('@')) {
    throw new SsoAccountRefused('ssoNoEmail', 'The identity provider sent no email address')
  }
  if (claims.email_verified === false) {
    throw new SsoAccountRefused(
      'ssoNoEmail',
      `The identity provider has not verified the email address ${email}`,
    )
  }
  const access = workspaceAccess(claims, settings)
  const name = nameOf(claims, email)
  const existing = await accounts.getUserByEmail(email)
  if (existing) {
    if (existing.disabled) {
      throw new SsoAccountRefused('ssoDisabled', `The account ${email} is disabled`)
    }
    const patch: UserPatch = {}
    if (access && access.defaultRole !== existing.defaultRole)
      patch.defaultRole = access.defaultRole
    if (access && access.isAdmin !== existing.isAdmin) patch.isAdmin = access.isAdmin
    if (Object.keys(patch).length === 0) return existing
    return (await accounts.updateUser(existing.id, patch)) ?? existing
  }
  const user: UserRecord = {
    id: randomUUID(),
    email,
    name,
    passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
    isAdmin: access?.isAdmin ?? false,
    defaultRole: access?.defaultRole ?? null,
    disabled: false,
    createdAt: new Date().toISOString(),
    sessionVersion: 0,
  }
  try {
    await accounts.createUser(user)
    return user
  } catch (error) {
    // Two first sign-ins at once: the other created it.
    if (!(error instanceof UserExistsError)) throw error
    const created = await accounts.getUserByEmail(email)
    if (!created) throw error
    return created
  }
}

function nameOf(claims: Record<string, unknown>, email: string): string {
  for (const key of ['name', 'preferred_username']) {
    const value = claims[key]
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200)
  }
  const parts = [claims.given_name, claims.family_name].filter(
    (part): part is string => typeof part === 'string' && part.trim().length > 0,
  )
  return parts.length > 0 ? parts.join(' ').slice(0, 200) : email.split('@')[0]
}
