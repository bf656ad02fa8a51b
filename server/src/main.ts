import { buildApp } from './app.js'
import { parseConfig } from './config.js'
import { openStore } from './open-store.js'
import { DEMO_PLAN_ID, ensureDemoPlan } from './plans/ensure-demo-plan.js'

const config = parseConfig()
const store = await openStore(config)
const app = await buildApp({
  store,
  logger: { level: config.logLevel },
  clientDir: config.clientDir,
  compactAfter: config.compactAfter,
  roomGraceMs: config.roomGraceMs,
  maxPayload: config.maxPayload,
  defaultRole: config.defaultRole,
})

if (config.demo && (await ensureDemoPlan(store))) app.log.info('created the demo plan')

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  app.log.info({ signal }, 'shutting down: no new connections, flushing rooms')
  try {
    await app.close()
    await store.close()
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
const storeName = store.kind === 'redis' ? 'Redis' : `SQLite (${config.dataDir})`
console.log(
  `\nTandem is running with ${storeName}.\n  Open ${base}/plans/${DEMO_PLAN_ID}\n  Plans API: ${base}/api/plans\n`,
)
