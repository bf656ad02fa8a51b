import type { LoadWorker } from './load-group.js'
import { LoadGroup } from './load-group.js'
import { percentile } from './percentile.js'
import type { Target } from './light-client.js'

/** Edit → remote receive, over every (edit, other client) pair. */
export interface LatencyResult {
  p50: number
  p99: number
  max: number
  samples: number
  /** Share of expected deliveries that arrived. */
  delivered: number
}

/**
 * Every client writes its share of `totalRate` and receives everyone else's edits; each
 * arrival is matched to its send by the edit's (client, clock).
 */
export async function latencyPhase(
  target: Target | Target[],
  workers: LoadWorker[],
  slots: number[],
  totalRate: number,
  durationMs: number,
  streamDir: string,
): Promise<LatencyResult> {
  const group = await LoadGroup.connect(workers, target, slots, streamDir, true)
  try {
    await group.drive(2, 600)
    await group.drain()
    await group.collect()
    await group.drive(totalRate / slots.length, durationMs, true)
    await group.drain()
    const { sends, arrivals } = await group.collect()
    return matchLatencies(sends, arrivals, slots.length)
  } finally {
    await group.close()
  }
}

/**
 * Matches each arrival to its send by the edit's (client, clock): flattened (key, time) pairs
 * from every client; each edit is expected at every client but its sender.
 */
export function matchLatencies(
  sends: number[],
  arrivals: number[][],
  clients: number,
): LatencyResult {
  const sentAt = new Map<number, number>()
  for (let i = 0; i < sends.length; i += 2) sentAt.set(sends[i], sends[i + 1])
  const latencies: number[] = []
  for (const list of arrivals) {
    for (let i = 0; i < list.length; i += 2) {
      const sent = sentAt.get(list[i])
      if (sent !== undefined) latencies.push(list[i + 1] - sent)
    }
  }
  const expected = sentAt.size * (clients - 1)
  let max = 0
  for (const value of latencies) max = Math.max(max, value)
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max,
    samples: latencies.length,
    delivered: expected === 0 ? 0 : latencies.length / expected,
  }
}
