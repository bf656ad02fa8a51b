import { resolve } from 'node:path'
import type { SocketRate } from '@tandem/shared'
import { DEFAULT_SOCKET_RATE } from '@tandem/shared'
import { DEFAULT_MAX_PENDING_PER_ADDRESS, DEFAULT_TIMEOUTS } from './http/connection-defaults.js'
import { DEFAULT_DISCUSSION_BYTES_PER_HOUR } from './rooms/discussion-quota.js'
import { DEFAULT_EPOCH_AFTER } from './rooms/default-epoch-after.js'
import type { OidcSettings } from './auth/oidc-settings.js'
import { parseRoleMap } from './auth/oidc-settings.js'
import type { SocketCaps } from './sync/user-sockets.js'
import { DEFAULT_SOCKET_CAPS } from './sync/user-sockets.js'
import type { UpdateBudget } from './sync/update-budgets.js'
import { DEFAULT_UPDATE_BUDGET } from './sync/update-budgets.js'
import type { ReplicaWait } from './store/redis/replica-wait.js'
import { DEFAULT_REPLICA_WAIT } from './store/redis/replica-wait.js'

/** The server's configuration, parsed once from the environment. Nothing else reads process.env. */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** One `redis://` URL, or several comma-separated ones: the seed nodes of a Redis Cluster. */
  redisUrl: string | undefined
  /** Use the Redis Cluster client even when `redisUrl` names one node. */
  redisCluster: boolean
  /** How many replicas must hold an append before it is acknowledged, and for how long to wait. */
  redisWait: ReplicaWait
  logLevel: string
  /** Updates in a plan's log before its snapshot is rebuilt and the log trimmed. */
  compactAfter: number
  /** Overlay items (overwritten values included) at which a due compaction starts a new document epoch; 0: never. */
  epochAfter: number
  /** How long an empty room stays loaded before it is unloaded. */
  roomGraceMs: number
  /** Largest WebSocket message accepted, in bytes. */
  maxPayload: number
  /** Create the demo plan and one demo user per role on first start. */
  demo: boolean
  clientDir: string
  /** The Chromium that prints the meeting pack PDF, and how long one print may take. */
  chromiumPath: string
  pdfTimeoutMs: number
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
  socketRate: SocketRate
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Fastify's
   * `trustProxy` takes it: false (none), true (any), or addresses and CIDR ranges.
   */
  trustProxy: TrustProxy
  /** How long a SIGTERM waits for rooms to flush and sockets to close before it forces them. */
  drainMs: number
  /** Bearer token that `/metrics` requires; the route is not served without one. */
  metricsToken: string | undefined
  /** Connections from one address that are not (yet) sync sockets. */
  maxPendingPerAddress: number
  /** HTTP timeouts: headers, whole request, idle connection (milliseconds). */
  headersTimeoutMs: number
  requestTimeoutMs: number
  connectionTimeoutMs: number
  /** Sync sockets one user may hold, in all and in one plan. */
  socketCaps: SocketCaps
  /** Bytes of comments and flags one user may write into one plan per hour. */
  discussionBytesPerHour: number
  /** What one user's updates may cost per second and at once, and the backlog that closes. */
  updateBudget: UpdateBudget
  /** OpenID Connect single sign-on; undefined when TANDEM_OIDC_ISSUER is unset. */
  oidc: OidcSettings | undefined
}

/** What TANDEM_TRUST_PROXY parses to. */
export type TrustProxy = boolean | string[]

/** One environment variable the server reads: its name, its default (undefined: unset), what it does. */
export interface ConfigVariable {
  name: string
  default: string | undefined
  meaning: string
}

/**
 * Every environment variable the server reads, in the order the README's table lists them.
 * `parseConfig` can only read names listed here, and takes its defaults from here.
 */
export const CONFIG_VARIABLES = [
  { name: 'PORT', default: '3000', meaning: 'HTTP and WebSocket port' },
  { name: 'HOST', default: '127.0.0.1', meaning: 'interface to listen on (`0.0.0.0` to expose)' },
  {
    name: 'DATA_DIR',
    default: 'data',
    meaning: 'where the SQLite file `tandem.db` lives, from the working directory',
  },
  {
    name: 'REDIS_URL',
    default: undefined,
    meaning:
      'e.g. `redis://127.0.0.1:6379`: store everything in Redis instead of SQLite; comma-separated URLs: Redis Cluster nodes',
  },
  {
    name: 'REDIS_CLUSTER',
    default: '0',
    meaning: '`1` uses the Redis Cluster client even when `REDIS_URL` names one node',
  },
  {
    name: 'REDIS_WAIT_REPLICAS',
    default: String(DEFAULT_REPLICA_WAIT.replicas),
    meaning:
      "replicas (of those connected to the plan's master) that must hold an append before it is `saved` (Redis `WAIT`); `0`: do not wait",
  },
  {
    name: 'REDIS_WAIT_TIMEOUT_MS',
    default: String(DEFAULT_REPLICA_WAIT.timeoutMs),
    meaning: 'how long an append waits for those replicas before it fails and its clients resend',
  },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'pino log level' },
  {
    name: 'TANDEM_DEMO',
    default: '1',
    meaning: '`0` skips creating the demo plan and demo users on first start',
  },
  {
    name: 'TANDEM_COMPACT_AFTER',
    default: '1000',
    meaning: "log entries before a plan's snapshot is rebuilt",
  },
  {
    name: 'TANDEM_EPOCH_AFTER',
    default: String(DEFAULT_EPOCH_AFTER),
    meaning:
      'overlay items (overwritten values included) at which a due compaction starts a new document epoch; `0`: on demand only',
  },
  {
    name: 'TANDEM_ROOM_GRACE_MS',
    default: '30000',
    meaning: 'how long an empty plan stays loaded',
  },
  { name: 'TANDEM_MAX_PAYLOAD', default: '8388608', meaning: 'largest WebSocket message, bytes' },
  {
    name: 'TANDEM_CLIENT_DIR',
    default: 'client/dist',
    meaning: "the built client to serve; the default is the checkout's",
  },
  {
    name: 'TANDEM_CHROMIUM_PATH',
    default: '/usr/bin/chromium',
    meaning: 'the headless Chromium that prints the meeting pack PDF (one print at a time)',
  },
  {
    name: 'TANDEM_PDF_TIMEOUT_MS',
    default: '30000',
    meaning: 'longest one meeting pack PDF may take, waiting for an earlier print included',
  },
  {
    name: 'TANDEM_JWT_SECRET',
    default: undefined,
    meaning: 'signs sessions and tokens; generated and kept in the store when unset',
  },
  {
    name: 'ALLOWED_ORIGINS',
    default: undefined,
    meaning: "comma-separated origins, besides the server's own, that browsers may use",
  },
  {
    name: 'TANDEM_SECURE_COOKIES',
    default: '0',
    meaning: '`1` marks the session cookie Secure (serve over HTTPS)',
  },
  {
    name: 'TANDEM_ADMIN_EMAIL',
    default: undefined,
    meaning: 'the first admin; one-time credentials are printed when unset',
  },
  {
    name: 'TANDEM_ADMIN_PASSWORD',
    default: undefined,
    meaning: "the first admin's password, with `TANDEM_ADMIN_EMAIL`",
  },
  {
    name: 'TANDEM_REST_RATE_LIMIT',
    default: '600',
    meaning: 'REST requests per minute per client address',
  },
  {
    name: 'TANDEM_LOGIN_RATE_LIMIT',
    default: '20',
    meaning: 'sign-in attempts per minute per client address',
  },
  {
    name: 'TANDEM_SOCKET_RATE',
    default: String(DEFAULT_SOCKET_RATE.perSecond),
    meaning:
      'socket messages other than updates per second per connection, on average; more closes with 4429',
  },
  {
    name: 'TANDEM_SOCKET_BURST',
    default: String(DEFAULT_SOCKET_RATE.burst),
    meaning: 'socket messages other than updates per connection in a burst',
  },
  {
    name: 'TANDEM_UPDATE_CELLS_RATE',
    default: String(DEFAULT_UPDATE_BUDGET.cellsPerSecond),
    meaning:
      "cells one user's updates may write per second on one server, on average (`0`: no limit)",
  },
  {
    name: 'TANDEM_UPDATE_CELLS_BURST',
    default: String(DEFAULT_UPDATE_BUDGET.cellsBurst),
    meaning: "cells one user's updates may write at once before later updates wait",
  },
  {
    name: 'TANDEM_UPDATE_BYTES_RATE',
    default: String(DEFAULT_UPDATE_BUDGET.bytesPerSecond),
    meaning: 'update bytes one user may send per second on one server, on average (`0`: no limit)',
  },
  {
    name: 'TANDEM_UPDATE_BYTES_BURST',
    default: String(DEFAULT_UPDATE_BUDGET.bytesBurst),
    meaning: 'update bytes one user may send at once before later updates wait',
  },
  {
    name: 'TANDEM_UPDATE_BACKLOG_BYTES',
    default: String(DEFAULT_UPDATE_BUDGET.backlogBytes),
    meaning:
      "bytes of updates a socket may have waiting for its user's budget; more closes with 4431",
  },
  {
    name: 'TANDEM_METRICS_TOKEN',
    default: undefined,
    meaning:
      '`/metrics` (Prometheus) is served only when set, to scrapers sending `Authorization: Bearer` it',
  },
  {
    name: 'TANDEM_DRAIN_MS',
    default: '10000',
    meaning:
      'on SIGTERM, how long to wait for rooms to flush and sockets to close before forcing them',
  },
  {
    name: 'TANDEM_TRUST_PROXY',
    default: undefined,
    meaning:
      'behind a reverse proxy: `true`, or the comma-separated proxy addresses/CIDRs whose X-Forwarded-For is believed',
  },
  {
    name: 'TANDEM_PENDING_PER_ADDRESS',
    default: String(DEFAULT_MAX_PENDING_PER_ADDRESS),
    meaning:
      'connections one address may hold that are not sync sockets (requests, upgrades being authenticated, idle keep-alive); more get 429',
  },
  {
    name: 'TANDEM_HEADERS_TIMEOUT_MS',
    default: String(DEFAULT_TIMEOUTS.headers),
    meaning: "time a client has to send a request's headers, upgrades included",
  },
  {
    name: 'TANDEM_REQUEST_TIMEOUT_MS',
    default: String(DEFAULT_TIMEOUTS.request),
    meaning: 'time a client has to send a whole request (imports included)',
  },
  {
    name: 'TANDEM_CONNECTION_TIMEOUT_MS',
    default: String(DEFAULT_TIMEOUTS.connection),
    meaning: 'an HTTP connection silent this long is closed (sync sockets have their heartbeat)',
  },
  {
    name: 'TANDEM_SOCKETS_PER_USER',
    default: String(DEFAULT_SOCKET_CAPS.perUser),
    meaning: 'sync sockets one user may hold on one server; the next closes with 4430',
  },
  {
    name: 'TANDEM_SOCKETS_PER_USER_PLAN',
    default: String(DEFAULT_SOCKET_CAPS.perUserPlan),
    meaning: 'sync sockets one user may hold in one plan; the next closes with 4430',
  },
  {
    name: 'TANDEM_DISCUSSION_BYTES_PER_HOUR',
    default: String(DEFAULT_DISCUSSION_BYTES_PER_HOUR),
    meaning:
      'bytes of comments and flags one user may write into one plan per hour (`0`: no quota)',
  },
  {
    name: 'TANDEM_OIDC_ISSUER',
    default: undefined,
    meaning:
      'OpenID Connect issuer URL (Entra ID, Okta, Keycloak, …): turns on single sign-on; see docs/operations.md',
  },
  {
    name: 'TANDEM_OIDC_CLIENT_ID',
    default: undefined,
    meaning: 'the client id registered at the provider',
  },
  { name: 'TANDEM_OIDC_CLIENT_SECRET', default: undefined, meaning: "that client's secret" },
  {
    name: 'TANDEM_OIDC_REDIRECT_URL',
    default: undefined,
    meaning:
      'the callback registered at the provider, e.g. `https://tandem.example.com/api/auth/oidc/callback`; derived from each request when unset',
  },
  {
    name: 'TANDEM_OIDC_SCOPES',
    default: 'openid email profile',
    meaning: 'scopes asked for; add the one that releases the role claim if the provider needs it',
  },
  {
    name: 'TANDEM_OIDC_ROLE_CLAIM',
    default: 'roles',
    meaning: 'the claim whose values give the workspace role and admin rights',
  },
  {
    name: 'TANDEM_OIDC_ROLE_MAP',
    default: undefined,
    meaning:
      '`claim-value=role` pairs, comma-separated (roles: planner, sales, production, viewer, admin); unset: the values are those role names',
  },
  { name: 'TANDEM_OIDC_LABEL', default: 'Single sign-on', meaning: 'what the sign-in button says' },
] as const satisfies readonly ConfigVariable[]

export type ConfigVariableName = (typeof CONFIG_VARIABLES)[number]['name']

type Env = NodeJS.ProcessEnv

export function parseConfig(env: Env = process.env): Config {
  return {
    port: integer(env, 'PORT'),
    host: text(env, 'HOST'),
    dataDir: resolve(text(env, 'DATA_DIR')),
    redisUrl: optional(env, 'REDIS_URL'),
    redisCluster: text(env, 'REDIS_CLUSTER') === '1',
    redisWait: {
      replicas: integer(env, 'REDIS_WAIT_REPLICAS'),
      timeoutMs: integer(env, 'REDIS_WAIT_TIMEOUT_MS'),
    },
    logLevel: text(env, 'LOG_LEVEL'),
    compactAfter: integer(env, 'TANDEM_COMPACT_AFTER'),
    epochAfter: integer(env, 'TANDEM_EPOCH_AFTER'),
    roomGraceMs: integer(env, 'TANDEM_ROOM_GRACE_MS'),
    maxPayload: integer(env, 'TANDEM_MAX_PAYLOAD'),
    jwtSecret: optional(env, 'TANDEM_JWT_SECRET'),
    allowedOrigins: (optional(env, 'ALLOWED_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    secureCookies: text(env, 'TANDEM_SECURE_COOKIES') === '1',
    adminEmail: optional(env, 'TANDEM_ADMIN_EMAIL'),
    adminPassword: optional(env, 'TANDEM_ADMIN_PASSWORD'),
    restRateLimit: integer(env, 'TANDEM_REST_RATE_LIMIT'),
    loginRateLimit: integer(env, 'TANDEM_LOGIN_RATE_LIMIT'),
    socketRate: {
      perSecond: integer(env, 'TANDEM_SOCKET_RATE'),
      burst: integer(env, 'TANDEM_SOCKET_BURST'),
    },
    trustProxy: trustProxy(optional(env, 'TANDEM_TRUST_PROXY')),
    drainMs: integer(env, 'TANDEM_DRAIN_MS'),
    metricsToken: optional(env, 'TANDEM_METRICS_TOKEN'),
    maxPendingPerAddress: integer(env, 'TANDEM_PENDING_PER_ADDRESS'),
    headersTimeoutMs: integer(env, 'TANDEM_HEADERS_TIMEOUT_MS'),
    requestTimeoutMs: integer(env, 'TANDEM_REQUEST_TIMEOUT_MS'),
    connectionTimeoutMs: integer(env, 'TANDEM_CONNECTION_TIMEOUT_MS'),
    socketCaps: {
      perUser: integer(env, 'TANDEM_SOCKETS_PER_USER'),
      perUserPlan: integer(env, 'TANDEM_SOCKETS_PER_USER_PLAN'),
    },
    discussionBytesPerHour: integer(env, 'TANDEM_DISCUSSION_BYTES_PER_HOUR'),
    updateBudget: {
      cellsPerSecond: integer(env, 'TANDEM_UPDATE_CELLS_RATE'),
      cellsBurst: integer(env, 'TANDEM_UPDATE_CELLS_BURST'),
      bytesPerSecond: integer(env, 'TANDEM_UPDATE_BYTES_RATE'),
      bytesBurst: integer(env, 'TANDEM_UPDATE_BYTES_BURST'),
      backlogBytes: integer(env, 'TANDEM_UPDATE_BACKLOG_BYTES'),
    },
    oidc: oidcSettings(env),
    demo: text(env, 'TANDEM_DEMO') !== '0',
    // The default is the checkout's (two folders up from server/src or server/dist); a value
    // that is set is taken from the working directory.
    chromiumPath: text(env, 'TANDEM_CHROMIUM_PATH'),
    pdfTimeoutMs: integer(env, 'TANDEM_PDF_TIMEOUT_MS'),
    clientDir:
      env.TANDEM_CLIENT_DIR === undefined
        ? resolve(new URL('../../', import.meta.url).pathname, text(env, 'TANDEM_CLIENT_DIR'))
        : resolve(env.TANDEM_CLIENT_DIR),
  }
}

/** Single sign-on is on when an issuer is set; then the client id and secret must be too. */
function oidcSettings(env: Env): OidcSettings | undefined {
  const issuer = optional(env, 'TANDEM_OIDC_ISSUER')
  if (!issuer) return undefined
  const clientId = optional(env, 'TANDEM_OIDC_CLIENT_ID')
  const clientSecret = optional(env, 'TANDEM_OIDC_CLIENT_SECRET')
  const missing = [
    ...(clientId ? [] : ['TANDEM_OIDC_CLIENT_ID']),
    ...(clientSecret ? [] : ['TANDEM_OIDC_CLIENT_SECRET']),
  ]
  if (missing.length > 0 || !clientId || !clientSecret)
    throw new Error(
      `TANDEM_OIDC_ISSUER is set, so single sign-on also needs ${missing.join(' and ')}`,
    )
  try {
    new URL(issuer)
  } catch {
    throw new Error(`TANDEM_OIDC_ISSUER must be a URL (got "${issuer}")`)
  }
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUrl: optional(env, 'TANDEM_OIDC_REDIRECT_URL'),
    scopes: text(env, 'TANDEM_OIDC_SCOPES'),
    roleClaim: text(env, 'TANDEM_OIDC_ROLE_CLAIM'),
    roleMap: parseRoleMap(optional(env, 'TANDEM_OIDC_ROLE_MAP')),
    label: text(env, 'TANDEM_OIDC_LABEL'),
  }
}

function defaultOf(name: ConfigVariableName): string | undefined {
  return CONFIG_VARIABLES.find((variable) => variable.name === name)?.default
}

function text(env: Env, name: ConfigVariableName): string {
  return env[name] ?? defaultOf(name) ?? ''
}

function optional(env: Env, name: ConfigVariableName): string | undefined {
  return env[name] || defaultOf(name)
}

function integer(env: Env, name: ConfigVariableName): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return Number(defaultOf(name))
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number ≥ 0 (got "${raw}")`)
  return value
}

/**
 * `true`/`false`, or a comma-separated list of addresses, CIDR ranges and proxy-addr's names
 * (`loopback`, `uniquelocal`). Fastify 5.12 ignores a bare hop count (it cannot check the
 * immediate peer), so one is refused rather than silently trusting no one.
 */
function trustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim().toLowerCase()
  if (!value || value === 'false' || value === '0') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) {
    throw new Error(
      `TANDEM_TRUST_PROXY must be true, false or the proxies' addresses (got the hop count "${raw}", which Fastify ignores)`,
    )
  }
  return value
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean)
}
