import * as Y from 'yjs'
import { connectRedisStores } from '@tandem/server'
import { visiblePlan } from '../support/room-fixtures.js'
import type { ServerProcess } from '../support/server-process.js'
import { startServerProcess } from '../support/server-process.js'
import type { StockClient } from '../support/stock-client.js'
import { connectStockClient, waitFor } from '../support/stock-client.js'
import { requestToken } from '../support/test-server.js'

/** What every Tandem process of a fault test runs with: demo users, a generous socket rate. */
export const FAULT_ENV: Record<string, string> = {
  TANDEM_ADMIN_EMAIL: 'ops@example.com',
  TANDEM_ADMIN_PASSWORD: 'a-long-admin-password',
  TANDEM_DEMO: '1',
  TANDEM_SOCKET_RATE: '20000',
  TANDEM_SOCKET_BURST: '20000',
}

/** Generous: convergence on two busy cores, never a timing assertion. */
export const CONVERGE_MS = 60_000

/** A real Tandem process (server/src/main.ts). */
export interface Tandem {
  process: ServerProcess
  url: string
  syncUrl: string
  port: number
}

/** Starts main.ts with `env`; `port` reuses a port (a restart the clients reconnect to). */
export async function startTandem(env: Record<string, string>, port = 0): Promise<Tandem> {
  const process = await startServerProcess({ ...FAULT_ENV, ...env, PORT: String(port) })
  const url = process.url
  return {
    process,
    url,
    syncUrl: url.replace('http', 'ws') + '/sync',
    port: Number(new URL(url).port),
  }
}

export type DemoRole = 'sales' | 'production' | 'planner' | 'viewer'

export async function demoTokens(url: string): Promise<Record<DemoRole, string>> {
  const roles = ['sales', 'production', 'planner', 'viewer'] as const
  const tokens = await Promise.all(
    roles.map((role) => requestToken(url, `${role}@demo.tandem`, 'demo-password')),
  )
  return Object.fromEntries(roles.map((role, i) => [role, tokens[i]])) as Record<DemoRole, string>
}

/** Creates a small plan, so that compaction thresholds are reached in a few entries. */
export async function createSmallPlan(url: string, plannerToken: string): Promise<string> {
  const response = await fetch(`${url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${plannerToken}` },
    body: JSON.stringify({
      name: 'Fault plan',
      generator: { skuCount: 12, periodCount: 8, seed: 3 },
    }),
  })
  if (response.status !== 201) throw new Error(`create plan: ${response.status}`)
  return ((await response.json()) as { plan: { id: string } }).plan.id
}

/** A stock client that writes only its own cells, under a fixed clientID. */
export interface Writer extends StockClient {
  clientID: number
  measure: 'demand' | 'supply'
  skuIndex: number
  writes: number
}

/** `count` writers, alternately sales (demand) and production (supply), clientIDs from `firstId`. */
export function connectWriters(
  syncUrls: string[],
  planId: string,
  tokens: Record<DemoRole, string>,
  count: number,
  firstId: number,
): Writer[] {
  return Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc()
    doc.clientID = firstId + i
    const role = i % 2 === 0 ? 'sales' : 'production'
    const client = connectStockClient(syncUrls[i % syncUrls.length], planId, {
      token: tokens[role],
      ext: true,
      doc,
    })
    return Object.assign(client, {
      clientID: firstId + i,
      measure: role === 'sales' ? ('demand' as const) : ('supply' as const),
      skuIndex: i,
      writes: 0,
    })
  })
}

/** One edit of the writer's own row: a new value in the next period. */
export function writeOnce(writer: Writer): void {
  const skus = writer.plan.listSkus()
  const sku = skus[writer.skuIndex % skus.length]
  writer.writes++
  writer.plan.writeCell(
    writer.measure,
    sku,
    writer.writes % 8,
    writer.clientID * 10 + writer.writes,
  )
}

/** Every writer writes once every `everyMs` until stopped. */
export function startStorm(writers: Writer[], everyMs = 20): { stop(): void } {
  const timer = setInterval(() => writers.forEach(writeOnce), everyMs)
  return { stop: () => clearInterval(timer) }
}

/** The clock of the writer's own edits that the server acknowledged with `saved`. */
export function savedClock(writer: Writer): number {
  let clock = 0
  for (const message of writer.extensions)
    if (message.type === 'saved')
      clock = Math.max(clock, Y.decodeStateVector(message.stateVector).get(writer.clientID) ?? 0)
  return clock
}

/** The clock of every edit the writer made. */
export function ownClock(writer: Writer): number {
  return Y.decodeStateVector(Y.encodeStateVector(writer.doc)).get(writer.clientID) ?? 0
}

/** The demand and supply a document shows (the Room tests' reader). */
export const visible = visiblePlan

/** What a fresh viewer of `syncUrl` loads: the state vector and the visible plan. */
export async function loadAsViewer(
  syncUrl: string,
  planId: string,
  viewerToken: string,
): Promise<{ clocks: Map<number, number>; visible: string }> {
  const reader = connectStockClient(syncUrl, planId, { token: viewerToken, reconnect: false })
  try {
    await withDeadline(reader.synced(), CONVERGE_MS, 'viewer sync')
    return {
      clocks: Y.decodeStateVector(Y.encodeStateVector(reader.doc)),
      visible: visible(reader.doc),
    }
  } finally {
    reader.destroy()
  }
}

/** Edits acknowledged with `saved` that `clocks` (what a fresh process loaded) lacks. */
export function lostSaved(writers: Writer[], clocks: Map<number, number>): number {
  return writers.reduce(
    (lost, writer) => lost + Math.max(0, savedClock(writer) - (clocks.get(writer.clientID) ?? 0)),
    0,
  )
}

/** Edits the writers made that `clocks` lacks. */
export function missing(writers: Writer[], clocks: Map<number, number>): number {
  return writers.reduce(
    (sum, writer) => sum + Math.max(0, ownClock(writer) - (clocks.get(writer.clientID) ?? 0)),
    0,
  )
}

/** Waits until every writer's edits are all acknowledged and every document shows the same plan. */
export async function converged(writers: Writer[], what = 'writers converge'): Promise<void> {
  await waitFor(
    () =>
      writers.every((writer) => savedClock(writer) >= ownClock(writer)) &&
      writers.every((writer) => visible(writer.doc) === visible(writers[0].doc)),
    CONVERGE_MS,
    what,
  )
}

/** Points a writer at another instance; it connects there from its next attempt. */
export function moveTo(writer: Writer, syncUrl: string): void {
  writer.provider.serverUrl = syncUrl
  if (!writer.provider.wsconnected) return
  writer.provider.disconnect()
  writer.provider.connect()
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms)
  })
  try {
    return await Promise.race([promise, deadline])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * What the Redis store holds of a plan (snapshot plus log), read directly: no Tandem process
 * and no client that could resend what was lost.
 */
export async function loadFromRedis(
  redisUrl: string,
  planId: string,
): Promise<{ clocks: Map<number, number>; visible: string; logEntries: number }> {
  const stores = await connectRedisStores(redisUrl, { logger: { error: () => {}, warn: () => {} } })
  try {
    const state = await stores.log.loadPlan(planId)
    if (!state) throw new Error(`no plan ${planId} in Redis`)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state.snapshot)
    for (const { update } of state.updates) Y.applyUpdate(doc, update)
    const loaded = {
      clocks: Y.decodeStateVector(Y.encodeStateVector(doc)),
      visible: visible(doc),
      logEntries: state.updates.length,
    }
    doc.destroy()
    return loaded
  } finally {
    await stores.close()
  }
}

/** Makes `count` edits, each one waited for until `saved` covers it. */
export async function writeSaved(writer: Writer, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    writeOnce(writer)
    const clock = ownClock(writer)
    await waitFor(() => savedClock(writer) >= clock, CONVERGE_MS, `saved ${writer.clientID}`)
  }
}
