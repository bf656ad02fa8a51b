import type { FastifyReply } from 'fastify'
import type { UserRecord } from '../store/user-record.js'
import type { Authenticator } from './authenticator.js'
import { SESSION_TTL_SECONDS } from './authenticator.js'
import { SESSION_COOKIE } from './session-claims.js'

/** Signs a browser session for `user` into the httpOnly session cookie. */
export function setSessionCookie(
  reply: FastifyReply,
  auth: Authenticator,
  user: UserRecord,
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, auth.issue(user, 'session').token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_TTL_SECONDS,
  })
}
