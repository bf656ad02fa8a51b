import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { IssuedToken } from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'
import type { SessionClaims } from './session-claims.js'
import { SESSION_COOKIE } from './session-claims.js'

/** How long a browser session and an API token last. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60
export const TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60

/** The calling user and the token they called with. */
export interface Caller {
  user: UserRecord
  claims: SessionClaims
  /** True when the token came from the session cookie. */
  viaCookie: boolean
}

/**
 * Finds who is calling: the session cookie, an `Authorization: Bearer` token, or (for sockets,
 * where browsers cannot set headers) a `?token=`. A token signed before the user's session
 * version was last bumped (logout, password change) is refused. Throws 401 or 403 with a code.
 */
export class Authenticator {
  constructor(
    private readonly app: FastifyInstance,
    private readonly accounts: Accounts,
  ) {}

  issue(user: UserRecord, kind: SessionClaims['kind']): IssuedToken {
    const ttl = kind === 'session' ? SESSION_TTL_SECONDS : TOKEN_TTL_SECONDS
    const claims: SessionClaims = { sub: user.id, kind, ver: user.sessionVersion }
    const token = this.app.jwt.sign(claims, { expiresIn: ttl })
    return { token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() }
  }

  /** The calling user, or a thrown ApiProblem. */
  async require(request: FastifyRequest, allowQueryToken = false): Promise<UserRecord> {
    return (await this.caller(request, allowQueryToken)).user
  }

  /** The calling user and their token's claims, or a thrown ApiProblem. */
  async caller(request: FastifyRequest, allowQueryToken = false): Promise<Caller> {
    const { token, viaCookie } = this.tokenOf(request, allowQueryToken)
    if (!token) throw new ApiProblem('unauthorized', 'Sign in first: no session or token was sent')
    let claims: SessionClaims
    try {
      claims = this.app.jwt.verify<SessionClaims>(token)
    } catch (error) {
      const expired = (error as { code?: string }).code === 'FAST_JWT_EXPIRED'
      throw new ApiProblem(
        expired ? 'sessionExpired' : 'unauthorized',
        expired ? 'Your session has expired' : 'The session or token is not valid',
      )
    }
    const user = await this.accounts.getUser(claims.sub)
    if (!user) throw new ApiProblem('unauthorized', 'The session or token is not valid')
    if ((claims.ver ?? 0) !== user.sessionVersion) {
      throw new ApiProblem(
        'sessionExpired',
        'This session or token was ended by a sign-out or a password change; sign in again',
      )
    }
    if (user.disabled) throw new ApiProblem('userDisabled', 'This account is disabled')
    return { user, claims, viaCookie }
  }

  async requireAdmin(request: FastifyRequest): Promise<UserRecord> {
    const user = await this.require(request)
    if (!user.isAdmin) throw new ApiProblem('forbidden', 'Only an admin may do this')
    return user
  }

  private tokenOf(
    request: FastifyRequest,
    allowQueryToken: boolean,
  ): { token?: string; viaCookie: boolean } {
    const header = request.headers.authorization
    if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), viaCookie: false }
    if (allowQueryToken) {
      const query = request.query as { token?: unknown } | undefined
      if (typeof query?.token === 'string' && query.token)
        return { token: query.token, viaCookie: false }
    }
    return { token: request.cookies[SESSION_COOKIE] || undefined, viaCookie: true }
  }
}
