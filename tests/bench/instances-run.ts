import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { connectRedisStores } from '@tandem/server'
import { startRedisServer } from '../support/redis-server.js'
import { saveBenchPlan } from './bench-plan.js'
import type { BenchPlan } from './bench-plan.js'
import { buildBenchPlan } from './build-bench-plan.js'
import { generateEditStreams } from './edit-streams.js'
import type { LatencyResult } from './latency-phase.js'
import { latencyPhase } from './latency-phase.js'
import { startLoadWorkers } from './load-group.js'
import { markdownTable } from './markdown-table.js'
import { percentile } from './percentile.js'
import { ServerSession } from './server-session.js'
import { saveStream } from './stream-file.js'

/** What the instances scenario measures. */
export interface InstancesOptions {
  clients: number
  rate: number
  durationMs: number
  instanceCounts: number[]
  skuCount: number
  periodCount: number
  /** Write CPU profiles of the Tandem processes here. */
  profileDir?: string
}

/** Edit → receive across instances, and the Redis store's append alone, at one steady rate. */
export interface InstancesReport {
  options: InstancesOptions
  delivery: { instances: number; latency: LatencyResult }[]
  /** The same clients, streams and rate on one @y/websocket-server process: this machine's floor. */
  relay: LatencyResult
  store: { p50: number; p99: number; max: number; samples: number }
}

/**
 * Several Tandem processes on one redis-server, each with the clients of one load worker;
 * every client writes its share of `rate` and receives every other client's edits, most of
 * them relayed through another instance (append → publish → follower's read → relay).
 */
export async function instancesRun(options: InstancesOptions): Promise<InstancesReport> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-instances-'))
  const plan = buildBenchPlan(options.skuCount, options.periodCount)
  const planFile = await saveBenchPlan(dir, plan)
  const slots = Array.from({ length: options.clients }, (_, slot) => slot)
  const perClient = Math.ceil((options.rate / options.clients) * (options.durationMs / 1000)) + 10
  const redis = await startRedisServer()
  const delivery: InstancesReport['delivery'] = []
  const freshStreams = async () => {
    const streams = generateEditStreams(
      plan,
      slots.map(() => perClient),
    )
    await Promise.all(streams.map((stream, slot) => saveStream(dir, slot, stream)))
  }
  try {
    await freshStreams()
    const relay = await relayRound(options, planFile, plan.id, dir)
    console.log(
      `  reference relay: p50 ${relay.p50.toFixed(2)} ms, p99 ${relay.p99.toFixed(2)} ms,` +
        ` max ${relay.max.toFixed(1)} ms, delivered ${(relay.delivered * 100).toFixed(1)}%`,
    )
    for (const instances of options.instanceCounts) {
      // Each round starts on a fresh prefix, so its streams start from clock 0 again.
      await freshStreams()
      const latency = await deliveryRound(instances, options, planFile, plan.id, redis.url, dir)
      console.log(
        `  ${instances} instances: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms,` +
          ` max ${latency.max.toFixed(1)} ms, delivered ${(latency.delivered * 100).toFixed(1)}%`,
      )
      delivery.push({ instances, latency })
    }
    const appends = Math.ceil((options.rate * options.durationMs) / 1000)
    const [single] = generateEditStreams(plan, [appends])
    const store = await pacedAppends(redis.url, plan, single, options)
    console.log(
      `  Redis store alone: p50 ${store.p50.toFixed(2)} ms, p99 ${store.p99.toFixed(2)} ms, max ${store.max.toFixed(1)} ms`,
    )
    return { options, delivery, relay, store }
  } finally {
    await redis.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

async function deliveryRound(
  instances: number,
  options: InstancesOptions,
  planFile: string,
  planId: string,
  redisUrl: string,
  streamDir: string,
): Promise<LatencyResult> {
  const shared = {
    prefix: `instances-${instances}-${randomBytes(4).toString('hex')}`,
    jwtSecret: randomBytes(32).toString('base64url'),
  }
  const sessions: ServerSession[] = []
  const workers = startLoadWorkers(instances)
  try {
    // One at a time, so that the first creates the plan before the others look for it.
    for (let i = 0; i < instances; i++)
      sessions.push(
        await ServerSession.start(
          'tandem-redis',
          planFile,
          planId,
          redisUrl,
          options.profileDir,
          shared,
        ),
      )
    const targets = sessions.map(({ target }) => target)
    const slots = Array.from({ length: options.clients }, (_, slot) => slot)
    return await latencyPhase(targets, workers, slots, options.rate, options.durationMs, streamDir)
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()))
    await Promise.all(sessions.map((session) => session.stop()))
  }
}

/**
 * The floor of this machine: the same 50 clients and rate on one stock relay, which neither
 * checks nor stores, with the clients spread over two load workers as in the 2-instance round.
 */
async function relayRound(
  options: InstancesOptions,
  planFile: string,
  planId: string,
  streamDir: string,
): Promise<LatencyResult> {
  const session = await ServerSession.start('y-websocket-server', planFile, planId, '')
  const workers = startLoadWorkers(2)
  try {
    const slots = Array.from({ length: options.clients }, (_, slot) => slot)
    return await latencyPhase(
      session.target,
      workers,
      slots,
      options.rate,
      options.durationMs,
      streamDir,
    )
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()))
    await session.stop()
  }
}

/** Single-update appends to the Redis store, one every 1/rate s, each timed until durable. */
async function pacedAppends(
  redisUrl: string,
  plan: BenchPlan,
  updates: Uint8Array[],
  options: InstancesOptions,
): Promise<InstancesReport['store']> {
  const store = await connectRedisStores(redisUrl, {
    prefix: `instances-store-${randomBytes(4).toString('hex')}`,
  })
  try {
    await store.log.createPlan(plan.record, plan.snapshot)
    const count = Math.min(updates.length, Math.ceil((options.rate * options.durationMs) / 1000))
    const interval = 1000 / options.rate
    const times: number[] = []
    const began = performance.now()
    const pending: Promise<void>[] = []
    for (let i = 0; i < count; i++) {
      const due = began + i * interval
      const wait = due - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const started = performance.now()
      pending.push(
        store.log
          .appendUpdates(plan.id, [{ update: updates[i], author: 'bench' }])
          .then(() => void times.push(performance.now() - started)),
      )
    }
    await Promise.all(pending)
    let max = 0
    for (const value of times) max = Math.max(max, value)
    return {
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max,
      samples: times.length,
    }
  } finally {
    await store.close()
  }
}

/** The section of docs/benchmarks.md, with the targets of issue 12. */
export function instancesTable(report: InstancesReport): string {
  const { clients, rate, durationMs } = report.options
  const { relay } = report
  const rows = [
    [
      `reference: the same clients on one @y/websocket-server (relays only; the machine's floor)`,
      relay.p50.toFixed(2),
      relay.p99.toFixed(2),
      relay.max.toFixed(1),
      `${(relay.delivered * 100).toFixed(1)}%`,
      '—',
    ],
    ...report.delivery.map(({ instances, latency }) => [
      `edit → remote receive, ${instances} instances on one Redis, ${clients} clients, ${rate} edits/s`,
      latency.p50.toFixed(2),
      latency.p99.toFixed(2),
      latency.max.toFixed(1),
      `${(latency.delivered * 100).toFixed(1)}%`,
      '≤ 10',
    ]),
    [
      `Redis store alone: one append every ${(1000 / rate).toFixed(0)} ms, until durable`,
      report.store.p50.toFixed(2),
      report.store.p99.toFixed(2),
      report.store.max.toFixed(1),
      `${report.store.samples} appends`,
      '≤ 5',
    ],
  ]
  return (
    `${durationMs / 1000} s at the steady rate after a warm-up; ms.\n\n` +
    markdownTable(['what', 'p50', 'p99', 'max', 'delivered', 'target p99'], rows)
  )
}
