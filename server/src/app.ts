import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import fastifyCookie from '@fastify/cookie'
import fastifyJwt from '@fastify/jwt'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import fastifyWebsocket from '@fastify/websocket'
import type { FastifyHttpOptions, FastifyInstance, FastifyServerOptions } from 'fastify'
import Fastify from 'fastify'
import type { FirstRunInfo, SocketRate } from '@tandem/shared'
import { CLOSE_CODES, DEFAULT_SOCKET_RATE } from '@tandem/shared'
import { Authenticator } from './auth/authenticator.js'
import { withScenarioAccess } from './auth/with-scenario-access.js'
import { ACCESS_RECHECK_MS, recheckConnectedUsers } from './auth/recheck-connected-users.js'
import { DEFAULT_MAX_PENDING_PER_ADDRESS, DEFAULT_TIMEOUTS } from './http/connection-defaults.js'
import { PendingConnections } from './http/pending-connections.js'
import { installRequestGuard } from './http/request-guard.js'
import { documentSocketRoutes, installApiDocs } from './http/api-docs.js'
import { installSecurityHeaders } from './http/security-headers.js'
import { Lifecycle } from './http/lifecycle.js'
import { ApiProblem } from './http/api-problem.js'
import { withoutTokensInLogs } from './http/logger-options.js'
import { RoomRegistry } from './rooms/room-registry.js'
import type { SyncAnswerBudget } from './rooms/sync-answers.js'
import { authRoutes } from './routes/auth-routes.js'
import { firstRunRoute } from './routes/first-run-route.js'
import { IMPORT_LIMITS } from './excel/import-limits.js'
import { excelRoutes } from './routes/excel-routes.js'
import { meetingPackRoutes } from './routes/meeting-pack-routes.js'
import type { PdfPrinterOptions } from './pack/pdf-printer.js'
import { PdfPrinter } from './pack/pdf-printer.js'
import { forecastRoutes } from './routes/forecast-routes.js'
import { accuracyRoutes } from './routes/accuracy-routes.js'
import { AccuracyReports } from './accuracy/accuracy-reports.js'
import { withAccuracyExtracts } from './accuracy/with-accuracy-extracts.js'
import { ForecastRuns } from './forecast/forecast-runs.js'
import { healthRoute } from './routes/health-route.js'
import { membersRoutes } from './routes/members-routes.js'
import { inboxRoutes } from './routes/inbox-routes.js'
import { StoredInboxCache } from './inbox/stored-inbox-cache.js'
import { InboxHub } from './inbox/inbox-hub.js'
import { plansRoutes } from './routes/plans-routes.js'
import { syncRoute } from './routes/sync-route.js'
import { usersRoutes } from './routes/users-routes.js'
import { siteScopeRoutes } from './routes/site-scope-routes.js'
import type { SocketCaps } from './sync/user-sockets.js'
import { DEFAULT_SOCKET_CAPS, UserSockets } from './sync/user-sockets.js'
import type { UpdateBudget } from './sync/update-budgets.js'
import { DEFAULT_UPDATE_BUDGET, UpdateBudgets } from './sync/update-budgets.js'
import { versionsRoutes } from './routes/versions-routes.js'
import { cycleRoutes } from './routes/cycle-routes.js'
import { epochRoutes } from './routes/epoch-routes.js'
import { scenarioRoutes } from './routes/scenario-routes.js'
import { meetingRoutes } from './routes/meeting-routes.js'
import type { Stores } from './store/stores.js'
import type { TrustProxy } from './config.js'
import { rateLimitStoreOn } from './http/rate-limit-store.js'
import { countImportRuns } from './metrics/import-run-counter.js'
import { metricsRoute } from './metrics/metrics-route.js'
import { ServerMetrics } from './metrics/server-metrics.js'
import { timedPlanLog } from './metrics/timed-plan-log.js'
import type { OidcSettings } from './auth/oidc-settings.js'
import { oidcRoutes } from './routes/oidc-routes.js'
import { DEFAULT_EPOCH_AFTER } from './rooms/default-epoch-after.js'

/** What the app is built from. Tests pass their own stores; main.ts passes the configured ones. */
export interface AppDeps {
  stores: Stores
  logger?: FastifyServerOptions['logger']
  /** The built client to serve at `/`, if present. */
  clientDir?: string
  compactAfter?: number
  /** Quiet time before a due compaction runs. */
  compactIdleMs?: number
  /** Overlay items at which a due compaction starts a new document epoch; 0: only on demand. */
  epochAfter?: number
  /** Ping interval; a socket that misses a pong is closed. */
  heartbeatMs?: number
  roomGraceMs?: number
  maxPayload?: number
  /** Signs sessions and tokens; when absent one is generated once and kept in the store. */
  jwtSecret?: string
  allowedOrigins?: string[]
  secureCookies?: boolean
  /** REST requests per minute per address, and sign-in attempts per minute. */
  restRateLimit?: number
  loginRateLimit?: number
  socketRate?: SocketRate
  /** Proxies whose X-Forwarded-For names the client (rate limits, logs); none by default. */
  trustProxy?: TrustProxy
  /** Serve `/metrics` to callers with this bearer token; not served when absent. */
  metricsToken?: string
  /** In demo mode, what the sign-in page shows (`GET /api/first-run`); absent answers 404. */
  firstRun?: FirstRunInfo
  /** Time one import may take to read its file; `IMPORT_LIMITS.timeLimitMs` by default. */
  importTimeLimitMs?: number
  /** Connections from one address that are not (yet) sync sockets; more are refused (429). */
  maxPendingPerAddress?: number
  /** Time a client has to send a request's headers, and the whole request. */
  headersTimeoutMs?: number
  requestTimeoutMs?: number
  /** A connection with no traffic for this long is closed (sync sockets excepted). */
  connectionTimeoutMs?: number
  /** Sync sockets one user may hold, in all and in one plan. */
  socketCaps?: Partial<SocketCaps>
  /** Bytes of comments and flags one user may write into one plan per hour. */
  discussionBytesPerHour?: number
  /** Prints the meeting pack PDF; `/usr/bin/chromium` and 30 s when absent. */
  pdf?: PdfPrinterOptions
  /** OpenID Connect single sign-on; off when absent. */
  oidc?: OidcSettings
  /** How often one user may have a sync step 2 encoded afresh in one plan. */
  syncAnswerBudget?: SyncAnswerBudget
  /** What one user's updates may cost on this instance (bytes and cells per second). */
  updateBudget?: Partial<UpdateBudget>
  /**
   * Starts the accuracy worker with the app, so a fresh server's first report does not wait for
   * it (main.ts sets it); otherwise it starts on first use, as in tests.
   */
  accuracyWorkerAtStart?: boolean
}

/** Largest REST body accepted (a plan created from JSON rows), in bytes. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024

function connectionTimeouts(deps: AppDeps): {
  headers: number
  request: number
  connection: number
} {
  const request = deps.requestTimeoutMs ?? DEFAULT_TIMEOUTS.request
  // Node refuses a headers timeout longer than the request timeout.
  const headers = Math.min(deps.headersTimeoutMs ?? DEFAULT_TIMEOUTS.headers, request || Infinity)
  return { headers, request, connection: deps.connectionTimeoutMs ?? DEFAULT_TIMEOUTS.connection }
}

/** Builds the Fastify app without listening: `main.ts` listens, tests listen on port 0. */
declare module 'fastify' {
  interface FastifyInstance {
    /** The live rooms, one per open plan. */
    rooms: RoomRegistry
    /** Issues and checks sessions and API tokens. */
    auth: Authenticator
    /** Draining for shutdown: readiness, refusing new sockets, closing what is open. */
    lifecycle: Lifecycle
    /** Every open inbox tab on this instance, by user. */
    inbox: InboxHub
    /** Prometheus counters; features count their runs here (`metrics.forecastRun`). */
    metrics: ServerMetrics
    /** Every route this app serves (method and URL pattern), as registered. */
    routeTable: { method: string; url: string }[]
    /** Connections that are not sync sockets (yet), per address. */
    pendingConnections: PendingConnections
    /** The forecast runs of this server, one at a time per plan. */
    forecasts: ForecastRuns
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const timeouts = connectionTimeouts(deps)
  const options: FastifyHttpOptions<Server> = {
    logger: withoutTokensInLogs(deps.logger ?? false),
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: deps.trustProxy ?? false,
    connectionTimeout: timeouts.connection,
    requestTimeout: timeouts.request,
    http: {
      headersTimeout: timeouts.headers,
      requestTimeout: timeouts.request,
      // Node checks these timeouts on an interval (30 s by default): check often enough that a
      // half-sent request is dropped soon after its time is up.
      connectionsCheckingInterval:
        timeouts.headers > 0 ? Math.max(50, Math.min(timeouts.headers / 4, 30_000)) : 30_000,
    },
  }
  const app = Fastify(options)
  const routeTable: { method: string; url: string }[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url })
  })
  const pendingConnections = new PendingConnections(
    deps.maxPendingPerAddress ?? DEFAULT_MAX_PENDING_PER_ADDRESS,
  )
  pendingConnections.watch(app.server)
  app.decorate('pendingConnections', pendingConnections)
  const { stores } = deps
  const { scenarios } = stores
  // Routes look roles up through this: a scenario's plan takes its roles from its base.
  const accounts = withScenarioAccess(stores.accounts, stores.scenarios)
  stores.useLogger(app.log)
  const metrics: ServerMetrics = new ServerMetrics({
    rooms: (): number => rooms.size,
    sockets: () => app.websocketServer.clients.size,
  })
  app.decorate('metrics', metrics)
  const log = timedPlanLog(stores.log, stores.kind, metrics)
  const inbox = new InboxHub({ feed: stores.userFeed, accounts, logger: app.log })
  const rooms: RoomRegistry = new RoomRegistry({
    store: log,
    observer: {
      updateAccepted: () => metrics.updateAccepted(),
      updateRejected: (code) => metrics.updateRejected(code),
      relayed: (messages) => metrics.relayed(messages),
      documentChanged: (planId, plan) => inbox.planChanged(planId, plan),
    },
    logger: app.log,
    compactAfter: deps.compactAfter ?? 1000,
    compactIdleMs: deps.compactIdleMs ?? 1000,
    epochAfter: deps.epochAfter ?? DEFAULT_EPOCH_AFTER,
    heartbeatMs: deps.heartbeatMs ?? 30_000,
    graceMs: deps.roomGraceMs ?? 30_000,
    syncAnswerBudget: deps.syncAnswerBudget,
    discussionBytesPerHour: deps.discussionBytesPerHour,
  })
  const accuracy = new AccuracyReports({
    log,
    records: stores.records,
    rooms,
    accounts,
    warn: (error, message) => app.log.warn({ err: error }, message),
  })
  if (deps.accuracyWorkerAtStart) accuracy.startWorker()
  // Every version published through these records gets its accuracy extract.
  const records = withAccuracyExtracts(stores.records, accuracy)
  app.decorate('rooms', rooms)
  const lifecycle = new Lifecycle(
    rooms,
    () => app.websocketServer,
    () => app.server,
  )
  app.decorate('lifecycle', lifecycle)
  app.decorate('inbox', inbox)

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiProblem) return reply.code(error.status).send(error.toBody())
    const fastifyError = error as {
      validation?: SchemaIssue[]
      statusCode?: number
      message: string
      code?: string
    }
    if (fastifyError.validation) {
      const field = validationField(fastifyError.validation[0])
      return reply
        .code(400)
        .send(
          field
            ? { code: 'badRequest', message: fastifyError.message, field }
            : { code: 'badRequest', message: fastifyError.message },
        )
    }
    if (fastifyError.statusCode === 429) {
      return reply.code(429).send({ code: 'rateLimited', message: fastifyError.message })
    }
    if (fastifyError.statusCode === 413) {
      return reply.code(413).send({
        code: 'payloadTooLarge',
        message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
      })
    }
    if (fastifyError.statusCode && fastifyError.statusCode < 500) {
      return reply
        .code(fastifyError.statusCode)
        .send({ code: 'badRequest', message: fastifyError.message })
    }
    request.log.error({ err: error }, 'request failed')
    return reply
      .code(500)
      .send({ code: 'storeUnavailable', message: 'The server could not complete the request' })
  })

  const secret =
    deps.jwtSecret ??
    (await accounts.ensureSetting('jwtSecret', randomBytes(48).toString('base64url')))
  installRequestGuard(app, { allowedOrigins: deps.allowedOrigins ?? [] })
  await installSecurityHeaders(app, { https: deps.secureCookies ?? false })
  await installApiDocs(app, { https: deps.secureCookies ?? false })
  await app.register(fastifyCookie)
  await app.register(fastifyJwt, { secret })
  await app.register(fastifyRateLimit, {
    max: deps.restRateLimit ?? 600,
    timeWindow: '1 minute',
    store: rateLimitStoreOn(stores.rateCounters),
    // A counter store that fails (Redis down) lets requests through rather than refusing all.
    skipOnError: true,
    allowList: (request) =>
      request.url.startsWith('/sync/') ||
      request.url.startsWith('/health') ||
      request.url.startsWith('/metrics'),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rateLimited',
      message: `Too many requests: at most ${context.max} per ${context.after}`,
    }),
  })
  await app.register(fastifyWebsocket, {
    options: { maxPayload: deps.maxPayload ?? 8 * 1024 * 1024 },
    // The plugin's default closes every socket (1005) before onClose hooks run, so the last
    // flush's `saved` never reached clients. Rooms flush, acknowledge and close with 1001 first.
    preClose: async function closeRoomsFirst(this: FastifyInstance) {
      await rooms.closeAll()
      for (const socket of this.websocketServer.clients) socket.close(CLOSE_CODES.goingAway)
      await new Promise<void>((resolve) => this.websocketServer.close(() => resolve()))
    },
  })
  documentSocketRoutes(app)
  // After the websocket plugin's own onRequest hook, which marks the request as an upgrade so
  // that the refused socket is destroyed once the answer is sent.
  app.addHook('onRequest', async (request) => {
    if (lifecycle.draining && request.url.startsWith('/sync/'))
      throw new ApiProblem('shuttingDown', 'The server is shutting down; connect again shortly')
  })
  const auth = new Authenticator(app, accounts)
  app.decorate('auth', auth)
  await app.register(healthRoute, { stores, log, rooms, lifecycle })
  if (deps.metricsToken) await app.register(metricsRoute, { metrics, token: deps.metricsToken })
  countImportRuns(app, metrics)
  await app.register(authRoutes, {
    accounts,
    auth,
    rooms,
    secureCookies: deps.secureCookies ?? false,
    loginRateLimit: deps.loginRateLimit ?? 20,
  })
  await app.register(oidcRoutes, {
    accounts,
    auth,
    oidc: deps.oidc,
    secret,
    secureCookies: deps.secureCookies ?? false,
    loginRateLimit: deps.loginRateLimit ?? 20,
  })
  await app.register(firstRunRoute, { firstRun: deps.firstRun })
  await app.register(usersRoutes, { log, accounts, auth, rooms })
  await app.register(siteScopeRoutes, { log, accounts, auth, rooms })
  await app.register(plansRoutes, { log, accounts, rooms, auth, scenarios })
  await app.register(versionsRoutes, { log, records, accounts, rooms, auth, scenarios })
  await app.register(cycleRoutes, { log, records, accounts, rooms, auth })
  await app.register(epochRoutes, { log, records, accounts, rooms, auth })
  await app.register(scenarioRoutes, { log, records, accounts, rooms, auth, scenarios })
  await app.register(meetingRoutes, { log, records, accounts, rooms, auth })
  await app.register(membersRoutes, { log, records, accounts, auth })
  await app.register(inboxRoutes, {
    log,
    records,
    accounts,
    auth,
    scenarios,
    hub: inbox,
    liveDoc: (planId) => rooms.loadedRoom(planId)?.doc,
    storedCache: new StoredInboxCache(),
  })
  await app.register(excelRoutes, {
    log,
    records,
    accounts,
    rooms,
    auth,
    importTimeLimitMs: deps.importTimeLimitMs ?? IMPORT_LIMITS.timeLimitMs,
  })
  await app.register(meetingPackRoutes, {
    log,
    records,
    accounts,
    rooms,
    auth,
    printer: new PdfPrinter(deps.pdf ?? { chromiumPath: '/usr/bin/chromium', timeoutMs: 30_000 }),
  })
  const forecasts = new ForecastRuns(rooms, app.log, (outcome) => metrics.forecastRun(outcome))
  app.decorate('forecasts', forecasts)
  await app.register(forecastRoutes, { log, records, accounts, rooms, auth, forecasts })
  await app.register(accuracyRoutes, { log, records, accounts, rooms, auth, accuracy })
  await app.register(syncRoute, {
    log,
    accounts,
    rooms,
    auth,
    allowedOrigins: deps.allowedOrigins ?? [],
    messageRate: deps.socketRate ?? DEFAULT_SOCKET_RATE,
    pendingConnections,
    userSockets: new UserSockets({ ...DEFAULT_SOCKET_CAPS, ...deps.socketCaps }),
    updateBudgets: new UpdateBudgets({ ...DEFAULT_UPDATE_BUDGET, ...deps.updateBudget }),
  })

  const clientDir = deps.clientDir
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: false })
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0]
      if (request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/sync/')) {
        return reply.sendFile('index.html')
      }
      return reply
        .code(404)
        .send({ code: 'notFound', message: `No route ${request.method} ${path}` })
    })
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({
        code: 'notFound',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
      }),
    )
  }

  // Instances sharing a store, and `pnpm tandem` writing to the same store (SQLite too), do
  // not tell this instance of their access changes: look again often.
  const accessCheck = setInterval(() => {
    recheckConnectedUsers(rooms, accounts).catch((error: unknown) =>
      app.log.warn({ err: error }, 'access re-check failed'),
    )
    inbox.recheck().catch((error: unknown) => app.log.warn({ err: error }, 'inbox re-check failed'))
  }, ACCESS_RECHECK_MS)
  accessCheck.unref()

  app.addHook('onClose', async () => {
    clearInterval(accessCheck)
    await accuracy.close()
    await rooms.closeAll()
    await inbox.close()
  })
  return app
}

interface SchemaIssue {
  instancePath?: string
  params?: { missingProperty?: string; additionalProperty?: string }
}

/** The field a schema error is about: `password` for `/password`, `email` for a missing email. */
function validationField(issue: SchemaIssue | undefined): string | undefined {
  if (!issue) return undefined
  const path = (issue.instancePath ?? '').split('/').filter(Boolean)
  const extra = issue.params?.missingProperty ?? issue.params?.additionalProperty
  if (extra) path.push(extra)
  return path.length > 0 ? path.join('.') : undefined
}
