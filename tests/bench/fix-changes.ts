import type { BenchResults } from './bench-report.js'
import { markdownTable } from './markdown-table.js'
import type { ServerKind } from './server-kind.js'
import { summarize } from './summarize.js'

/** The full run before the relay, compaction, store and newcomer changes (docs/benchmarks.md of 2026-11-27T10:33:05Z, 3 runs, 10,000 × 104 plan). */
const BEFORE_RUN = '2026-11-27T10:33Z'

/** One fix, one metric it was expected to move, the median before it, and how to read it now. */
interface FixMetric {
  fix: string
  metric: string
  before: number
  digits: number
  now: (results: BenchResults) => number
}

const median = (values: number[]) => summarize(values).median

function throughput(results: BenchResults, kind: ServerKind, writers: number): number {
  return median(
    results.loads
      .filter((run) => run.kind === kind)
      .flatMap((run) => run.throughput.filter((t) => t.writers === writers))
      .flatMap((t) => (t.result ? [t.result.editsPerSecond] : [])),
  )
}

function latency(
  results: BenchResults,
  kind: ServerKind,
  phase: 'steady' | 'burst',
  pick: 'p99' | 'max',
): number {
  return median(
    results.loads.filter((run) => run.kind === kind).flatMap((run) => run[phase]?.[pick] ?? []),
  )
}

const FIX_METRICS: FixMetric[] = [
  ...([1, 10, 50] as const).flatMap((writers) => [
    {
      fix: 'corked relay (one writev per socket per flush)',
      metric: `tandem-sqlite edits/s, ${writers} writer${writers > 1 ? 's' : ''}`,
      before: { 1: 6452, 10: 1700, 50: 855 }[writers],
      digits: 0,
      now: (r: BenchResults) => throughput(r, 'tandem-sqlite', writers),
    },
    {
      fix: 'corked relay (one writev per socket per flush)',
      metric: `tandem-redis edits/s, ${writers} writer${writers > 1 ? 's' : ''}`,
      before: { 1: 3326, 10: 1772, 50: 888 }[writers],
      digits: 0,
      now: (r: BenchResults) => throughput(r, 'tandem-redis', writers),
    },
  ]),
  {
    fix: 'compaction policy (log ≥ ¼ snapshot, after a quiet second)',
    metric: 'tandem-sqlite latency p99, 200/s steady (ms)',
    before: 47.28,
    digits: 2,
    now: (r) => latency(r, 'tandem-sqlite', 'steady', 'p99'),
  },
  {
    fix: 'compaction policy (log ≥ ¼ snapshot, after a quiet second)',
    metric: 'tandem-sqlite latency p99, 1000/s burst (ms)',
    before: 201.37,
    digits: 2,
    now: (r) => latency(r, 'tandem-sqlite', 'burst', 'p99'),
  },
  {
    fix: 'compaction policy (log ≥ ¼ snapshot, after a quiet second)',
    metric: 'tandem-sqlite latency max, 1000/s burst (ms)',
    before: 204.2,
    digits: 1,
    now: (r) => latency(r, 'tandem-sqlite', 'burst', 'max'),
  },
  {
    fix: 'SQLite snapshots in their own table',
    metric: 'SQLite append p50 (ms)',
    before: 2.374,
    digits: 3,
    now: (r) => median(r.probes.map((p) => p.appendSqlite.p50)),
  },
  {
    fix: 'SQLite snapshots in their own table',
    metric: 'SQLite append p99 (ms)',
    before: 6.635,
    digits: 3,
    now: (r) => median(r.probes.map((p) => p.appendSqlite.p99)),
  },
  {
    fix: 'shared full-state encoding for newcomers',
    metric: 'full sync of a stock client (ms)',
    before: 857,
    digits: 0,
    now: (r) => median(r.probes.map((p) => p.fullSyncMs)),
  },
]

/**
 * "What each fix changed": the previous full run's medians next to this run's, on the same
 * 10,000 × 104 plan only; any other plan (`--quick`) prints nothing rather than a false comparison.
 */
export function fixChangesTable(results: BenchResults): string | undefined {
  const comparable =
    results.options.skuCount === 10_000 &&
    results.options.periodCount === 104 &&
    !results.options.quick
  if (!comparable) return undefined
  const rows = FIX_METRICS.map((m) => {
    const now = m.now(results)
    const ratio = now / m.before
    return [
      m.fix,
      m.metric,
      m.before.toFixed(m.digits),
      Number.isFinite(now) ? now.toFixed(m.digits) : 'n/a',
      Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '',
    ]
  })
  return (
    `### What each fix changed (medians: full run of ${BEFORE_RUN} before the fixes, and this run)\n\n` +
    'The four changes landed together, so a row shows the metric each was meant to move, not an ' +
    'isolated effect; every metric also moves with machine noise (see the min–max above).\n\n' +
    markdownTable(['fix', 'metric', 'before', 'this run', 'this / before'], rows)
  )
}
