import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { PlanDoc } from '@tandem/shared'
import type { BenchPlan } from './bench-plan.js'
import { planDocFrom } from './bench-plan.js'
import { buildBenchPlan } from './build-bench-plan.js'
import { LightClient } from './light-client.js'
import type { Target } from './light-client.js'
import type { RunningServer } from './running-server.js'
import { startTandem } from './tandem-server.js'

/**
 * Opens a plan's room and applies its stored state: a room answers newcomers from the stored
 * bytes before it applies them, so opening alone would measure neither the apply nor its heap.
 */
export async function openApplied(
  server: Awaited<ReturnType<typeof startTandem>>,
  planId: string,
): Promise<Y.Doc> {
  const room = await server.app.rooms.open(planId)
  if (!room) throw new Error(`no plan ${planId}`)
  return room.doc
}

/**
 * Heap in use after forced full collections, in MB. Collects, lets pending timers, finalizers and
 * socket callbacks run, and collects again, so garbage from the previous step is gone.
 */
export async function heapMB(): Promise<number> {
  if (!globalThis.gc) throw new Error('heap readings need --expose-gc')
  for (let i = 0; i < 3; i++) {
    globalThis.gc()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  globalThis.gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

export function rssMB(): number {
  globalThis.gc?.()
  return process.memoryUsage().rss / 2 ** 20
}

export function tandemTarget(server: RunningServer, planId: string): Target {
  return {
    url: `ws://127.0.0.1:${server.port}/sync/${planId}`,
    dialect: 'y-websocket',
    docName: planId,
    params: server.token ? { token: server.token } : {},
  }
}

/** Times a stock WebsocketProvider from connect to synced. */
export async function stockFullSyncMs(server: RunningServer, planId: string): Promise<number> {
  const doc = new Y.Doc()
  const started = performance.now()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, planId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: server.token ? { token: server.token } : {},
    disableBc: true,
  })
  await new Promise<void>((resolve) =>
    provider.on('sync', (synced: boolean) => synced && resolve()),
  )
  const elapsed = performance.now() - started
  provider.destroy()
  doc.destroy()
  return elapsed
}

/**
 * `count` overwrites cycling over a few cells of one row, from one client, in order, encoded
 * against the plan's epoch-0 document (for the store's append cost; `overwriteLive` follows epochs).
 */
export function overwriteStream(plan: BenchPlan, count: number): Uint8Array[] {
  const doc = planDocFrom(plan)
  doc.clientID = 999
  const planDoc = new PlanDoc(doc)
  const sku = [...planDoc.demand.keys()].sort()[0]
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < count; i++) planDoc.writeCell('demand', sku, i % 8, (i % 997) + 1)
  doc.destroy()
  return updates
}

/** Opens and closes `count` small plans through real sockets; returns rooms left loaded. */
export async function churnPlans(
  count: number,
): Promise<{ rssBefore: number; rssAfter: number; leaked: number }> {
  const server = await startTandem(
    buildBenchPlan(5, 8, 'churn-0'),
    { kind: 'sqlite' },
    { roomGraceMs: 20 },
  )
  try {
    for (let i = 1; i < count; i++) {
      const plan = buildBenchPlan(5, 8, `churn-${i}`)
      await server.store.log.createPlan(plan.record, plan.snapshot)
    }
    const rssBefore = rssMB()
    for (let i = 0; i < count; i += 20) {
      const batch = Array.from({ length: Math.min(20, count - i) }, (_, j) => `churn-${i + j}`)
      await Promise.all(
        batch.map(async (id) => {
          const client = new LightClient(tandemTarget(server, id))
          await client.ready
          await client.close()
        }),
      )
    }
    const deadline = Date.now() + 5_000
    while (server.rooms() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    return { rssBefore, rssAfter: rssMB(), leaked: server.rooms() }
  } finally {
    await server.stop()
  }
}
