import {
  bootstrapUsers,
  DEMO_PASSWORD,
  DEMO_USERS,
  scopeDemoUsers,
} from './auth/bootstrap-users.js'
import { firstRunInfo } from './auth/first-run-info.js'
import { buildApp } from './app.js'
import { parseConfig } from './config.js'
import { openStore } from './open-store.js'
import { DEMO_PLAN_ID, ensureDemoPlan } from './plans/ensure-demo-plan.js'

const config = parseConfig()
const stores = await openStore(config)
// Accounts first, so the sign-in page's demo accounts (GET /api/first-run) exist once we listen.
const firstRun = await bootstrapUsers(stores.accounts, {
  adminEmail: config.adminEmail,
  adminPassword: config.adminPassword,
  demo: config.demo,
})
const app = await buildApp({
  stores,
  logger: { level: config.logLevel },
  clientDir: config.clientDir,
  pdf: { chromiumPath: config.chromiumPath, timeoutMs: config.pdfTimeoutMs },
  compactAfter: config.compactAfter,
  epochAfter: config.epochAfter,
  roomGraceMs: config.roomGraceMs,
  maxPayload: config.maxPayload,
  jwtSecret: config.jwtSecret,
  allowedOrigins: config.allowedOrigins,
  secureCookies: config.secureCookies,
  restRateLimit: config.restRateLimit,
  loginRateLimit: config.loginRateLimit,
  socketRate: config.socketRate,
  trustProxy: config.trustProxy,
  metricsToken: config.metricsToken,
  firstRun: await firstRunInfo(stores.accounts, config.demo),
  maxPendingPerAddress: config.maxPendingPerAddress,
  headersTimeoutMs: config.headersTimeoutMs,
  requestTimeoutMs: config.requestTimeoutMs,
  connectionTimeoutMs: config.connectionTimeoutMs,
  socketCaps: config.socketCaps,
  discussionBytesPerHour: config.discussionBytesPerHour,
  updateBudget: config.updateBudget,
  oidc: config.oidc,
  accuracyWorkerAtStart: true,
})

if (config.demo && (await ensureDemoPlan(stores))) {
  await scopeDemoUsers(stores.accounts, DEMO_PLAN_ID)
  app.log.info('created the demo plan')
}

let stopping = false
/**
 * SIGTERM or SIGINT: readiness answers 503 and new sockets are refused while every room flushes
 * and closes its sockets with 1001; whatever is still open after TANDEM_DRAIN_MS is closed by
 * force. Then the listener closes, in-flight requests finish, and the process exits.
 */
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  app.log.info({ signal, drainMs: config.drainMs }, 'shutting down: draining rooms and sockets')
  let drained = false
  const deadline = setTimeout(() => {
    const forced = app.lifecycle.forceClose()
    app.log.warn({ forced }, `drain time is up: ${forced} socket(s) closed by force`)
    // A connection nobody can close (a refused upgrade left open) must not keep the process.
    setTimeout(() => {
      app.log.warn({ drained }, 'connections still open after the drain: exiting')
      process.exit(drained ? 0 : 1)
    }, 5_000).unref()
  }, config.drainMs)
  try {
    await app.lifecycle.drain()
    drained = true
    await app.close()
    clearTimeout(deadline)
    await stores.close()
    process.exit(0)
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'))
process.on('SIGINT', () => void stop('SIGINT'))

const address = await app.listen({ port: config.port, host: config.host })
const base = address.replace('127.0.0.1', 'localhost')
const storeName = stores.kind === 'redis' ? 'Redis' : `SQLite (${config.dataDir})`
const lines = [`Tandem is running with ${storeName}.`, `  Open ${base}/plans/${DEMO_PLAN_ID}`]
if (firstRun.generatedAdmin) {
  const { email, password } = firstRun.generatedAdmin
  lines.push(`  Admin account (shown once; change the password): ${email} / ${password}`)
  lines.push(`  Lost it? pnpm tandem user reset-password ${email} prints a new one.`)
}
if (config.demo) {
  lines.push(
    `  Demo users, password "${DEMO_PASSWORD}": ${DEMO_USERS.map((u) => u.email).join(', ')}`,
  )
}
console.log(`\n${lines.join('\n')}\n`)
