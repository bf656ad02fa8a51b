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
  /**
   * Scenarios to run: `load` (throughput and latency), `probe`, `paint` (Chromium), `forecast`
   * (the engine on the M3 monthly series), `compute` (the pure computations behind heavy views),
   * `instances` (edit → receive across 2 and 3 instances on one Redis, and the Redis store alone),
   * `navigate` (filter, sort, search, time grain and edits on the board, in Chromium), `meeting`
   * (a presenter's moves reaching 50 followers).
   */
  scenarios: Scenario[]
  /** Cold and warm page loads of the paint scenario (at least 3, for a median). */
  paintSamples: number
}

export const SCENARIOS = [
  'load',
  'probe',
  'paint',
  'navigate',
  'forecast',
  'compute',
  'instances',
  'scenarios',
  'accuracy',
  'meeting',
] as const
export type Scenario = (typeof SCENARIOS)[number]

function isScenario(name: string): name is Scenario {
  return (SCENARIOS as readonly string[]).includes(name)
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick')
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const runs = Number(value('runs') ?? (quick ? 1 : 3))
  // `--plan=10000x104`: the plan of the load and probe scenarios (quick defaults to 1000 × 52).
  const [planSkus, planPeriods] = (value('plan') ?? '').split('x').map(Number)
  const planGiven = planSkus > 0 && planPeriods > 0
  const listed = value('scenarios')?.split(',').filter(isScenario) ?? [...SCENARIOS]
  const scenarios = listed.filter((s) => !argv.includes(`--no-${s}`))
  return {
    quick,
    runs: Math.max(1, Math.min(10, Number.isFinite(runs) ? runs : 3)),
    scenarios,
    paintSamples: Math.max(3, Number(value('paint-samples') ?? 3) || 3),
    skuCount: planGiven ? planSkus : quick ? 1000 : 10_000,
    periodCount: planGiven ? planPeriods : quick ? 52 : 104,
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
    // `--overwrites=1000000`: the heap after a million overwrites (several automatic epochs).
    overwrites: Number(value('overwrites') ?? 0) || (quick ? 20_000 : 100_000),
    churnPlans: quick ? 200 : 1000,
    appends: quick ? 500 : 2000,
    profileDir: value('cpu-prof'),
    only: value('only')?.split(','),
  }
}
