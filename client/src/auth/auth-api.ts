import type { FirstRunInfo, SignInMethods } from '@tandem/shared'
import type { PasswordChange } from '@tandem/shared'
import { ApiFailure, call } from '../api/plans-api.js'
import type { SessionUser } from './session-user.js'

/** Who the session cookie belongs to: a user, nobody, or unknown because the server is unreachable. */
export type SessionCheck =
  { kind: 'signedIn'; user: SessionUser } | { kind: 'signedOut' } | { kind: 'unreachable' }

export async function checkSession(): Promise<SessionCheck> {
  try {
    const { user } = await call<{ user: SessionUser }>('/api/me')
    return { kind: 'signedIn', user }
  } catch (failure) {
    if (failure instanceof ApiFailure && (failure.status === 401 || failure.status === 403)) {
      return { kind: 'signedOut' }
    }
    return { kind: 'unreachable' }
  }
}

/** Signs in with email and password; the server sets an httpOnly session cookie. */
export async function signIn(email: string, password: string): Promise<SessionUser> {
  const body = JSON.stringify({ email, password })
  return (await call<{ user: SessionUser }>('/api/login', { method: 'POST', body })).user
}

export async function signOut(): Promise<void> {
  await fetch('/api/logout', { method: 'POST' })
}

/**
 * Changes my password. The server ends my other sessions and tokens, and sets a new session
 * cookie for this browser.
 */
export async function changePassword(change: PasswordChange): Promise<SessionUser> {
  const body = JSON.stringify(change)
  return (await call<{ user: SessionUser }>('/api/me/password', { method: 'POST', body })).user
}

/** The demo accounts the server offers in demo mode, or undefined outside it (404) or offline. */
export async function loadFirstRun(): Promise<FirstRunInfo | undefined> {
  try {
    return await call<FirstRunInfo>('/api/first-run')
  } catch {
    return undefined
  }
}

/** How this server lets people sign in; passwords only when it cannot be asked. */
export async function loadSignInMethods(): Promise<SignInMethods> {
  try {
    return await call<SignInMethods>('/api/auth/methods')
  } catch {
    return { password: true, sso: null }
  }
}
