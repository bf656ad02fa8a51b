import { resolve } from 'node:path'

/** The server's configuration, parsed once from the environment. Nothing else reads process.env. */
export interface Config {
  port: number
  host: string
  dataDir: string
  redisUrl: string | undefined
  logLevel: string
  /** Updates in a plan's log before its snapshot is rebuilt and the log trimmed. */
  compactAfter: number
  /** How long an empty room stays loaded before it is unloaded. */
  roomGraceMs: number
  /** Largest WebSocket message accepted, in bytes. */
  maxPayload: number
  /** Create the demo plan and one demo user per role on first start. */
  demo: boolean
  clientDir: string
  /** Signs sessions and tokens; generated and kept in the store when unset. */
  jwtSecret: string | undefined
  /** Origins, besides the server's own, that browsers may open sockets from. */
  allowedOrigins: string[]
  /** Mark the session cookie Secure (serve over HTTPS). */
  secureCookies: boolean
  /** The first admin; one-time credentials are printed when unset. */
  adminEmail: string | undefined
  adminPassword: string | undefined
  /** REST requests per minute per client address. */
  restRateLimit: number
  /** Sign-in attempts per minute per client address. */
  loginRateLimit: number
  /** Socket messages per second per connection, on average and in a burst. */
  socketRate: { perSecond: number; burst: number }
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    compactAfter: integer(env, 'TANDEM_COMPACT_AFTER', 1000),
    roomGraceMs: integer(env, 'TANDEM_ROOM_GRACE_MS', 30_000),
    maxPayload: integer(env, 'TANDEM_MAX_PAYLOAD', 8 * 1024 * 1024),
    jwtSecret: env.TANDEM_JWT_SECRET || undefined,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    secureCookies: env.TANDEM_SECURE_COOKIES === '1',
    adminEmail: env.TANDEM_ADMIN_EMAIL || undefined,
    adminPassword: env.TANDEM_ADMIN_PASSWORD || undefined,
    restRateLimit: integer(env, 'TANDEM_REST_RATE_LIMIT', 600),
    loginRateLimit: integer(env, 'TANDEM_LOGIN_RATE_LIMIT', 20),
    socketRate: {
      perSecond: integer(env, 'TANDEM_SOCKET_RATE', 500),
      burst: integer(env, 'TANDEM_SOCKET_BURST', 2000),
    },
    demo: env.TANDEM_DEMO !== '0',
    clientDir: resolve(
      env.TANDEM_CLIENT_DIR ?? new URL('../../client/dist', import.meta.url).pathname,
    ),
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number ≥ 0 (got "${raw}")`)
  return value
}
