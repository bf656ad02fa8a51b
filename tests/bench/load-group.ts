import { Child } from './child.js'
import type { Target } from './light-client.js'
import type { WorkerCommand, WorkerReport } from './worker-ipc.js'

/** Load worker processes, kept for the whole bench and reconnected for each phase. */
export type LoadWorker = Child<WorkerCommand, WorkerReport>

export function startLoadWorkers(count: number): LoadWorker[] {
  return Array.from(
    { length: count },
    () => new Child<WorkerCommand, WorkerReport>('./load-worker.ts'),
  )
}

/** Received counts of the dedicated receivers, and CPU of the workers. */
export interface GroupCounts {
  receiverTotal: number
  receivers: number
  allTotal: number
  cpuMs: number
  /** Latest arrival at any client, on the shared clock. */
  lastArrival: number
}

/**
 * Light clients for one phase, spread over the load workers round-robin. With several targets
 * (instances sharing a plan), worker i connects its clients to target i (modulo their number).
 */
export class LoadGroup {
  private constructor(private readonly parts: LoadWorker[]) {}

  static async connect(
    workers: LoadWorker[],
    targets: Target | Target[],
    slots: (number | null)[],
    streamDir: string,
    ext: boolean,
  ): Promise<LoadGroup> {
    const shares = workers.map((): (number | null)[] => [])
    slots.forEach((slot, i) => shares[i % workers.length].push(slot))
    const used = workers.filter((_, i) => shares[i].length > 0)
    await Promise.all(
      used.map((worker, i) =>
        worker.ask(
          {
            type: 'connect',
            target: Array.isArray(targets) ? targets[i % targets.length] : targets,
            slots: shares[i],
            streamDir,
            ext,
          },
          'connected',
          60_000,
        ),
      ),
    )
    return new LoadGroup(used)
  }

  /** Drives every writer at `ratePerWriter` for `durationMs`; resolves with the number sent. */
  async drive(ratePerWriter: number, durationMs: number, record = false): Promise<number> {
    const reports = await Promise.all(
      this.parts.map((w) => w.ask({ type: 'drive', ratePerWriter, durationMs, record }, 'driven')),
    )
    return reports.reduce((sum, r) => sum + r.sent, 0)
  }

  async counts(): Promise<GroupCounts> {
    const reports = await Promise.all(this.parts.map((w) => w.ask({ type: 'counts' }, 'counts')))
    let receiverTotal = 0
    let receivers = 0
    let allTotal = 0
    let cpuMs = 0
    let lastArrival = 0
    for (const report of reports) {
      cpuMs += report.cpuMs
      lastArrival = Math.max(lastArrival, report.lastArrival)
      report.received.forEach((count, i) => {
        allTotal += count
        if (report.receivers[i]) {
          receiverTotal += count
          receivers++
        }
      })
    }
    return { receiverTotal, receivers, allTotal, cpuMs, lastArrival }
  }

  /** Waits until nothing more arrives for `quietMs` (bounded by `maxMs`). */
  async drain(quietMs = 200, maxMs = 20_000): Promise<GroupCounts> {
    const deadline = Date.now() + maxMs
    let last = await this.counts()
    let quietSince = Date.now()
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      const current = await this.counts()
      if (current.allTotal !== last.allTotal) quietSince = Date.now()
      else if (Date.now() - quietSince >= quietMs) return current
      last = current
    }
    return last
  }

  /** Send times and arrival times recorded since the last drive with `record`. */
  async collect(): Promise<{ sends: number[]; arrivals: number[][] }> {
    const reports = await Promise.all(
      this.parts.map((w) => w.ask({ type: 'collect' }, 'collected')),
    )
    return {
      sends: reports.flatMap((r) => r.sends),
      arrivals: reports.flatMap((r) => r.arrivals),
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.parts.map((w) => w.ask({ type: 'close' }, 'closed')))
  }
}
