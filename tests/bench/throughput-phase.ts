import { now } from './clock.js'
import type { LoadWorker } from './load-group.js'
import { LoadGroup } from './load-group.js'
import type { ServerSession } from './server-session.js'

/** How the offered rate is raised. */
export interface RampOptions {
  /** Total offered edits/s per step, ascending. */
  steps: number[]
  stepMs: number
  receivers: number
  streamDir: string
}

/** The result of one ramp against one server. */
export interface ThroughputResult {
  /** Highest rate at which the dedicated receivers got the edits, per second. */
  editsPerSecond: number
  /** Offered rate of the step where delivery first fell below 90 % of it, if any. */
  saturatedAt: number | undefined
  /** Which side ran out of CPU at that step (or 'neither' if the ramp ended first). */
  saturated: 'server' | 'clients' | 'both' | 'neither'
  serverCpu: number
  clientCpu: number
}

const SATURATED_CPU = 0.75

/**
 * W writers send pre-generated single-cell edits at a rising offered rate; light receivers
 * count what is relayed. Writers are also in the room, so every edit fans out to W - 1 + R.
 */
export async function throughputPhase(
  server: ServerSession,
  workers: LoadWorker[],
  writerSlots: number[],
  options: RampOptions,
): Promise<ThroughputResult> {
  const slots = [...writerSlots, ...Array.from({ length: options.receivers }, () => null)]
  const group = await LoadGroup.connect(workers, server.target, slots, options.streamDir, true)
  try {
    const writers = writerSlots.length
    await group.drive(10, 250)
    const warm = await group.drain()
    if (warm.receiverTotal === 0) throw new Error(`${server.kind}: no edit reached a receiver`)
    let best = 0
    let result: ThroughputResult | undefined
    for (const offered of options.steps) {
      const before = await group.counts()
      const serverBefore = await server.stats()
      const started = now()
      const sent = await group.drive(offered / writers, options.stepMs)
      const after = await group.drain()
      const serverAfter = await server.stats()
      // Delivered over the time until the last relayed edit arrived: past saturation the
      // backlog drains at the server's pace, so this is its sustained rate.
      const spanMs = Math.max(options.stepMs, after.lastArrival - started)
      const delivered =
        (after.receiverTotal - before.receiverTotal) / after.receivers / (spanMs / 1000)
      best = Math.max(best, delivered)
      const serverCpu = (serverAfter.cpuMs - serverBefore.cpuMs) / spanMs
      const clientCpu = (after.cpuMs - before.cpuMs) / spanMs / workers.length
      const short = delivered < 0.9 * offered || sent < 0.9 * offered * (options.stepMs / 1000)
      result = {
        editsPerSecond: best,
        saturatedAt: short ? offered : undefined,
        saturated: !short ? 'neither' : whichSide(serverCpu, clientCpu),
        serverCpu,
        clientCpu,
      }
      if (short) break
    }
    if (!result) throw new Error('no ramp steps')
    return { ...result, editsPerSecond: best }
  } finally {
    await group.close()
  }
}

function whichSide(serverCpu: number, clientCpu: number): ThroughputResult['saturated'] {
  const server = serverCpu >= SATURATED_CPU
  const clients = clientCpu >= SATURATED_CPU
  return server && clients ? 'both' : server ? 'server' : clients ? 'clients' : 'neither'
}
