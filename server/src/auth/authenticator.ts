import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiProblem } from '../http/api-problem.js'
import type { Accounts } from '../store/accounts.js'
import type { UserRecord } from '../store/user-record.js'
import type { SessionClaims } from './session-claims.js'
import { SESSION_COOKIE } from './session-claims.js'

/** How long a browser session and an API token last. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60
export const TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60

/**
 * Finds who is calling: the session cookie, an `Authorization: Bearer` token, or (for sockets,
 * where browsers cannot set headers) a `?token=`. Throws 401 or 403 with a code.
 */
export class Authenticator {
  constructor(
    private readonly app: FastifyInstance,
    private readonly accounts: Accounts,
  ) {}

  issue(user: UserRecord, kind: SessionClaims['kind']): { token: string; expiresAt: string } {
    const ttl = kind === 'session' ? SESSION_TTL_SECONDS : TOKEN_TTL_SECONDS
    const token = this.app.jwt.sign({ sub: user.id, kind }, { expiresIn: ttl })
    return { token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() }
  }

  /** The calling user, or a thrown ApiProblem. */
  async require(request: FastifyRequest, allowQueryToken = false): Promise<UserRecord> {
    const token = this.tokenOf(request, allowQueryToken)
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
    if (user.disabled) throw new ApiProblem('userDisabled', 'This account is disabled')
    return user
  }

  async requireAdmin(request: FastifyRequest): Promise<UserRecord> {
    const user = await this.require(request)
    if (!user.isAdmin) throw new ApiProblem('forbidden', 'Only an admin may do this')
    return user
  }

  private tokenOf(request: FastifyRequest, allowQueryToken: boolean): string | undefined {
    const header = request.headers.authorization
    if (header?.startsWith('Bearer ')) return header.slice(7).trim()
    if (allowQueryToken) {
      const query = request.query as { token?: unknown } | undefined
      if (typeof query?.token === 'string' && query.token) return query.token
    }
    return request.cookies[SESSION_COOKIE] || undefined
  }
}
