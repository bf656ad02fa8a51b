import type { BenchOptions } from './bench-options.js'
import { Child } from './child.js'
import type { ProbeReport } from './probe-report.js'

/** Runs the cold-load, memory, leak and append probes once, in a fresh process. */
export async function probeRun(
  options: BenchOptions,
  planFile: string,
  redisUrl: string,
): Promise<ProbeReport> {
  const args = [
    planFile,
    redisUrl,
    String(options.overwrites),
    String(options.churnPlans),
    String(options.appends),
  ]
  const child = new Child<never, ProbeReport>('./probe-process.ts', args)
  try {
    // A million overwrites go through some twenty automatic epochs, each a full resync.
    return await child.next('probe', 300_000 + options.overwrites)
  } finally {
    await child.stop()
  }
}
