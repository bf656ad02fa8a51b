import { Server } from '@hocuspocus/server'
import * as Y from 'yjs'
import type { BenchPlan } from './bench-plan.js'
import type { RunningServer } from './running-server.js'

/** Hocuspocus with no extensions: it relays, and would persist only through an extension. */
export async function startHocuspocus(plan: BenchPlan): Promise<RunningServer> {
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    async onLoadDocument({ document }) {
      Y.applyUpdate(document, plan.snapshot)
    },
  })
  await server.listen()
  return {
    port: server.address.port,
    rooms: () => server.hocuspocus.getDocumentsCount(),
    stop: () => server.destroy(),
  }
}
