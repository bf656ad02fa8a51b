/** Sizes and durations of one bench run; `--quick` shrinks everything. */
export interface BenchOptions {
  quick: boolean
  runs: number
  skuCount: number
  periodCount: number
  steps: number[]
  stepMs: number
  writerCounts: number[]
  receivers: number
  latencyClients: number
  steadyRate: number
  steadyMs: number
  burstRate: number
  burstMs: number
  loadWorkers: number
  overwrites: number
  churnPlans: number
  appends: number
  /** Write CPU profiles of the server processes here. */
  profileDir: string | undefined
  /** Only these server kinds (comma list), for profiling one. */
  only: string[] | undefined
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick')
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const runs = Number(value('runs') ?? 3)
  return {
    quick,
    runs: Math.max(1, Math.min(10, Number.isFinite(runs) ? runs : 3)),
    skuCount: quick ? 1000 : 10_000,
    periodCount: quick ? 52 : 104,
    steps: quick ? [2000, 4000, 8000, 16000] : [1000, 2000, 4000, 8000, 16000, 32000],
    stepMs: quick ? 600 : 1000,
    writerCounts: [1, 10, 50],
    receivers: 4,
    latencyClients: 50,
    steadyRate: 200,
    steadyMs: quick ? 1500 : 3000,
    burstRate: 1000,
    burstMs: 1000,
    loadWorkers: 2,
    overwrites: quick ? 20_000 : 100_000,
    churnPlans: quick ? 200 : 1000,
    appends: quick ? 500 : 2000,
    profileDir: value('cpu-prof'),
    only: value('only')?.split(','),
  }
}
