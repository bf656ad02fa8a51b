import type {} from '@fastify/cookie'
import type {} from '@fastify/jwt'

/**
 * What a session cookie or API token carries. `kind` keeps the two apart; `ver` is the user's
 * session version when it was signed (absent in tokens signed before versions existed: 0).
 */
export interface SessionClaims {
  sub: string
  kind: 'session' | 'token'
  ver?: number
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: SessionClaims
    user: SessionClaims
  }
}

/** The httpOnly cookie that holds a browser's session. */
export const SESSION_COOKIE = 'tandem_session'
