import { performance } from 'node:perf_hooks'
import { loadBenchPlan } from './bench-plan.js'
import type { ServerCommand, ServerReport } from './ipc.js'
import { cpuMs } from './ipc.js'
import { isServerKind } from './server-kind.js'
import type { RunningServer } from './running-server.js'

/**
 * Child process entry: `server-process.ts <kind> <planFile> [redisUrl [prefix jwtSecret]]`,
 * driven over IPC. With a prefix and a secret, a tandem-redis process is one of several
 * instances sharing the plan.
 */
async function main(): Promise<void> {
  const [kind, planFile, redisUrl, prefix, jwtSecret] = process.argv.slice(2)
  if (!isServerKind(kind)) throw new Error(`unknown server kind ${kind}`)
  const plan = await loadBenchPlan(planFile)
  const started = performance.now()
  let server: RunningServer
  // Imported by kind, so a peer's process loads neither Tandem nor the other peer.
  if (kind === 'tandem-sqlite' || kind === 'tandem-redis') {
    const { startTandem } = await import('./tandem-server.js')
    const backend =
      kind === 'tandem-sqlite'
        ? { kind: 'sqlite' as const }
        : {
            kind: 'redis' as const,
            url: redisUrl,
            shared: prefix && jwtSecret ? { prefix, jwtSecret } : undefined,
          }
    // The load streams are pre-encoded against the epoch-0 document and cannot follow a new
    // epoch; the probe scenario measures automatic epochs with writers that can.
    server = await startTandem(plan, backend, { epochAfter: 0 })
  } else if (kind === 'y-websocket-server') {
    const { startYWebsocketServer } = await import('./y-websocket-server.js')
    server = await startYWebsocketServer(plan)
  } else {
    const { startHocuspocus } = await import('./hocuspocus-server.js')
    server = await startHocuspocus(plan)
  }
  const report = (message: ServerReport) => process.send?.(message)
  report({
    type: 'ready',
    port: server.port,
    token: server.token,
    loadMs: performance.now() - started,
  })
  process.on('message', (command: ServerCommand) => {
    if (command.type === 'stats') {
      if (command.gc) globalThis.gc?.()
      const { heapUsed, rss } = process.memoryUsage()
      report({ type: 'stats', cpuMs: cpuMs(), heapUsed, rss, rooms: server.rooms() })
    } else {
      void server.stop().finally(() => process.exit(0))
    }
  })
  process.on('disconnect', () => process.exit(0))
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
