import type { BenchOptions } from './bench-options.js'
import type { LatencyResult } from './latency-phase.js'
import { latencyPhase } from './latency-phase.js'
import type { LoadWorker } from './load-group.js'
import type { ServerKind } from './server-kind.js'
import { ServerSession } from './server-session.js'
import type { ThroughputResult } from './throughput-phase.js'
import { throughputPhase } from './throughput-phase.js'

/** Edits each slot needs: the warm-up plus everything its phase can send. */
export function slotEditCounts(options: BenchOptions, slots: SlotPlan): number[] {
  const counts: number[] = []
  const rampTotal = options.steps.reduce((sum, rate) => sum + rate, 0) * (options.stepMs / 1000)
  for (const writers of slots.throughput)
    for (const slot of writers) counts[slot] = Math.ceil(rampTotal / writers.length) + 10
  const perClient = (rate: number, ms: number) =>
    Math.ceil((rate / options.latencyClients) * (ms / 1000)) + 5
  for (const slot of slots.steady) counts[slot] = perClient(options.steadyRate, options.steadyMs)
  for (const slot of slots.burst) counts[slot] = perClient(options.burstRate, options.burstMs)
  return counts
}

/** Writer slots of each phase; disjoint, so every stream applies to a fresh plan. */
export interface SlotPlan {
  throughput: number[][]
  steady: number[]
  burst: number[]
}

export function planSlots(options: BenchOptions): SlotPlan {
  let next = 0
  const take = (count: number) => Array.from({ length: count }, () => next++)
  return {
    throughput: options.writerCounts.map(take),
    steady: take(options.latencyClients),
    burst: take(options.latencyClients),
  }
}

/** One server kind, one run: every throughput ramp, then steady and burst latency. */
export interface LoadRun {
  kind: ServerKind
  run: number
  startMs: number
  throughput: { writers: number; result: ThroughputResult | undefined; error?: string }[]
  steady: LatencyResult | undefined
  burst: LatencyResult | undefined
  errors: string[]
}

export async function loadRun(
  kind: ServerKind,
  run: number,
  context: {
    options: BenchOptions
    workers: LoadWorker[]
    slots: SlotPlan
    planFile: string
    planId: string
    streamDir: string
    redisUrl: string
  },
): Promise<LoadRun> {
  const { options, workers, slots, streamDir } = context
  const server = await ServerSession.start(
    kind,
    context.planFile,
    context.planId,
    context.redisUrl,
    options.profileDir,
  )
  const result: LoadRun = {
    kind,
    run,
    startMs: server.startMs,
    throughput: [],
    steady: undefined,
    burst: undefined,
    errors: [],
  }
  const attempt = async <T>(what: string, task: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await task()
    } catch (error) {
      const message = `${kind} ${what}: ${error instanceof Error ? error.message : String(error)}`
      result.errors.push(message)
      console.error(`  ! ${message}`)
      return undefined
    }
  }
  try {
    for (const writerSlots of slots.throughput) {
      const ramp = {
        steps: options.steps,
        stepMs: options.stepMs,
        receivers: options.receivers,
        streamDir,
      }
      const outcome = await attempt(`throughput ×${writerSlots.length}`, () =>
        throughputPhase(server, workers, writerSlots, ramp),
      )
      result.throughput.push({ writers: writerSlots.length, result: outcome })
      if (outcome) {
        console.log(
          `  ${kind} run ${run} writers ${writerSlots.length}: ${Math.round(outcome.editsPerSecond)} edits/s` +
            ` (saturated: ${outcome.saturated}, server cpu ${pct(outcome.serverCpu)}, clients ${pct(outcome.clientCpu)})`,
        )
      }
    }
    result.steady = await attempt('steady latency', () =>
      latencyPhase(
        server.target,
        workers,
        slots.steady,
        options.steadyRate,
        options.steadyMs,
        streamDir,
      ),
    )
    result.burst = await attempt('burst latency', () =>
      latencyPhase(
        server.target,
        workers,
        slots.burst,
        options.burstRate,
        options.burstMs,
        streamDir,
      ),
    )
    for (const [name, latency] of [
      ['steady', result.steady],
      ['burst', result.burst],
    ] as const) {
      if (latency)
        console.log(
          `  ${kind} run ${run} ${name}: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms,` +
            ` max ${latency.max.toFixed(1)} ms, delivered ${pct(latency.delivered)}`,
        )
    }
  } finally {
    await server.stop()
  }
  return result
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`
}
