import { resolve } from 'node:path'
import type { Role } from '@tandem/shared'
import { isRole } from '@tandem/shared'

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
  /** Role given to sync connections until accounts exist. */
  defaultRole: Role
  /** Create the demo plan on first start. */
  demo: boolean
  clientDir: string
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const role = env.TANDEM_DEFAULT_ROLE ?? 'planner'
  if (!isRole(role))
    throw new Error(
      `TANDEM_DEFAULT_ROLE must be planner, sales, production or viewer (got "${role}")`,
    )
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    compactAfter: integer(env, 'TANDEM_COMPACT_AFTER', 1000),
    roomGraceMs: integer(env, 'TANDEM_ROOM_GRACE_MS', 30_000),
    maxPayload: integer(env, 'TANDEM_MAX_PAYLOAD', 8 * 1024 * 1024),
    defaultRole: role,
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
