import type { BenchOptions } from './bench-options.js'
import type { LoadRun } from './load-suite.js'
import { fixChangesTable } from './fix-changes.js'
import { markdownTable } from './markdown-table.js'
import { PAINT_STEPS } from './board-paint.js'
import type { PaintReport } from './paint-report.js'
import type { ProbeReport } from './probe-report.js'
import type { ServerKind } from './server-kind.js'
import type { Summary } from './summarize.js'
import { summarize } from './summarize.js'

/** Everything one `pnpm bench` measured. */
export interface BenchResults {
  options: BenchOptions
  kinds: ServerKind[]
  loads: LoadRun[]
  probes: ProbeReport[]
  /** The browser scenario, once per suite; undefined if skipped or failed. */
  paint: PaintReport | undefined
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')

function cell(summary: Summary, digits = 0): string {
  if (summary.runs === 0) return 'n/a'
  return `${fmt(summary.median, digits)} (${fmt(summary.min, digits)}–${fmt(summary.max, digits)})`
}

function verdict(ok: boolean | undefined): string {
  return ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS'
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'n/a'
}

function throughputOf(
  results: BenchResults,
  kind: ServerKind,
  writers: number,
): LoadRun['throughput'][number][] {
  return results.loads
    .filter((run) => run.kind === kind)
    .flatMap((run) => run.throughput.filter((t) => t.writers === writers))
}

/** The throughput, latency and probe tables with PASS/MISS, as Markdown. */
export function benchTables(results: BenchResults): string {
  const { options, kinds } = results
  const sections: string[] = []

  const throughputRows: string[][] = []
  const ratioRows: string[][] = []
  for (const writers of options.writerCounts) {
    const medians = new Map<ServerKind, number>()
    for (const kind of kinds) {
      const runs = throughputOf(results, kind, writers)
      const summary = summarize(runs.flatMap((t) => (t.result ? [t.result.editsPerSecond] : [])))
      medians.set(kind, summary.median)
      const sides = runs.flatMap((t) =>
        t.result
          ? [
              `${t.result.saturated} (server ${fmt(t.result.serverCpu * 100)} %, client ${fmt(t.result.clientCpu * 100)} %)`,
            ]
          : [],
      )
      const side = mostCommon(runs.flatMap((t) => (t.result ? [t.result.saturated] : [])))
      throughputRows.push([String(writers), kind, cell(summary), side, sides.join('; ')])
    }
    for (const tandem of kinds.filter((k) => k.startsWith('tandem'))) {
      const ours = medians.get(tandem) ?? NaN
      const peers: [ServerKind, number][] = [
        ['y-websocket-server', 1.5],
        ['hocuspocus', 3],
      ]
      for (const [peer, target] of peers) {
        if (!kinds.includes(peer)) continue
        const ratio = ours / (medians.get(peer) ?? NaN)
        ratioRows.push([
          String(writers),
          `${tandem} / ${peer}`,
          `${fmt(ratio, 2)}×`,
          `≥ ${target}×`,
          verdict(Number.isFinite(ratio) ? ratio >= target : undefined),
        ])
      }
    }
  }
  if (results.loads.length > 0)
    sections.push(
      '### Throughput: single-cell edits accepted and relayed per second (median (min–max))\n\n' +
        markdownTable(
          [
            'writers',
            'server',
            'edits/s',
            'saturated',
            'per run (CPU at saturation, 1 core = 100 %)',
          ],
          throughputRows,
        ),
    )
  if (results.loads.length > 0)
    sections.push(
      '### Throughput ratios (of medians)\n\n' +
        markdownTable(['writers', 'ratio', 'value', 'target', ''], ratioRows),
    )

  const latencyRows: string[][] = []
  for (const [phase, target] of [
    ['steady', 5],
    ['burst', 30],
  ] as const) {
    for (const kind of kinds) {
      const runs = results.loads
        .filter((r) => r.kind === kind)
        .flatMap((r) => (r[phase] ? [r[phase]] : []))
      const p99 = summarize(runs.map((l) => l.p99))
      latencyRows.push([
        phase === 'steady' ? `${options.steadyRate}/s steady` : `${options.burstRate}/s burst`,
        kind,
        cell(summarize(runs.map((l) => l.p50)), 2),
        cell(p99, 2),
        cell(summarize(runs.map((l) => l.max)), 1),
        `${fmt(summarize(runs.map((l) => l.delivered * 100)).median, 1)} %`,
        kind.startsWith('tandem')
          ? `p99 ≤ ${target} ms: ${verdict(p99.runs ? p99.median <= target : undefined)}`
          : '',
      ])
    }
  }
  if (results.loads.length > 0)
    sections.push(
      `### Latency: edit → remote receive, ${options.latencyClients} clients, ms (median (min–max))\n\n` +
        markdownTable(['load', 'server', 'p50', 'p99', 'max', 'delivered', 'target'], latencyRows),
    )

  const probes = results.probes
  const of = (pick: (p: ProbeReport) => number) => summarize(probes.map(pick))
  const mb = (bytes: number) => bytes / 2 ** 20
  const plan = `${options.skuCount} × ${options.periodCount} × 3`
  const probeRows: [string, Summary, number, string, boolean | undefined][] = [
    [
      `${plan} plan, snapshot stored (MB)`,
      of((p) => mb(p.snapshotBytes)),
      2,
      '≤ 12 MB',
      of((p) => mb(p.snapshotBytes)).median <= 12,
    ],
    [
      `${plan} plan, server load (ms)`,
      of((p) => p.loadMs),
      0,
      '≤ 1000 ms',
      of((p) => p.loadMs).median <= 1000,
    ],
    [`${plan} plan, full sync of a stock client (ms)`, of((p) => p.fullSyncMs), 0, '', undefined],
    [
      `heap per open ${plan} plan (MB)`,
      of((p) => p.heapLargeMB),
      1,
      '≤ 80 MB',
      of((p) => p.heapLargeMB).median <= 80,
    ],
    ['heap per open 1000 × 52 × 3 plan (MB)', of((p) => p.heapSmallMB), 1, '', undefined],
    [
      `heap of the ${plan} plan's room after ${probes[0]?.overwrites ?? 0} overwrites (MB)`,
      of((p) => p.heapAfterOverwritesMB),
      1,
      '≤ 90 MB',
      of((p) => p.heapAfterOverwritesMB).median <= 90,
    ],
    [
      'automatic document epochs during those overwrites',
      of((p) => p.epochsDuringOverwrites),
      0,
      '',
      undefined,
    ],
    ['single-cell update (bytes)', of((p) => p.singleCellUpdateBytes), 0, '', undefined],
    [
      `RSS before opening ${probes[0]?.churnPlans ?? 0} small plans (MB)`,
      of((p) => p.rssBeforeChurnMB),
      1,
      '',
      undefined,
    ],
    ['RSS after closing them (MB)', of((p) => p.rssAfterChurnMB), 1, '', undefined],
    ['rooms leaked', of((p) => p.roomsLeaked), 0, '0', of((p) => p.roomsLeaked).max === 0],
    ['SQLite append p50 (ms)', of((p) => p.appendSqlite.p50), 3, '', undefined],
    ['SQLite append p99 (ms)', of((p) => p.appendSqlite.p99), 3, '', undefined],
    ['Redis append p50 (ms)', of((p) => p.appendRedis.p50), 3, '', undefined],
    ['Redis append p99 (ms)', of((p) => p.appendRedis.p99), 3, '', undefined],
  ]
  if (results.probes.length > 0)
    sections.push(
      '### Cold load, memory, leaks, persistence (Tandem; median (min–max))\n\n' +
        markdownTable(
          ['what', 'value', 'target', ''],
          probeRows.map(([what, summary, digits, target, ok]) => [
            what,
            cell(summary, digits),
            target,
            target ? verdict(ok) : '',
          ]),
        ),
    )
  if (results.paint) sections.push(paintTable(results.paint))
  const starts = kinds.map((kind) => [
    kind,
    cell(summarize(results.loads.filter((r) => r.kind === kind).map((r) => r.startMs))),
  ])
  if (results.loads.length > 0)
    sections.push(
      '### Server process start with the plan seeded (ms)\n\n' +
        markdownTable(['server', 'ms'], starts),
    )
  const fixes = fixChangesTable(results)
  if (fixes) sections.push(fixes)
  const errors = results.loads.flatMap((r) => r.errors)
  if (errors.length > 0) sections.push('### Errors\n\n' + errors.map((e) => `- ${e}`).join('\n'))
  return sections.join('\n\n')
}

/** URL → painted grid in Chromium, cold and warm room, against issue 19's targets (1.5 s cold, 1 s warm). */
function paintTable(paint: PaintReport): string {
  const plan = `${paint.skuCount} × ${paint.periodCount} × 3`
  const rows = (
    [
      ['cold room (server loads the plan from the store)', paint.cold, paint.coldSteps, 1500],
      ['warm room (another person has the plan open)', paint.warm, paint.warmSteps, 1000],
    ] as const
  ).map(([what, samples, steps, target]) => {
    const summary = summarize(samples)
    const stepText = PAINT_STEPS.map((name) => `${name.slice(7)} ${fmt(steps[name] ?? NaN)}`).join(
      ', ',
    )
    return [
      what,
      `${cell(summary)} [${samples.map((v) => fmt(v)).join(', ')}]`,
      stepText,
      `≤ ${target} ms`,
      verdict(summary.runs ? summary.median <= target : undefined),
    ]
  })
  return (
    `### URL → painted grid in Chromium, ${plan} plan, ms (median (min–max) [samples])\n\n` +
    `Fresh browser context each time (empty IndexedDB), Debian Chromium headless, \`tandem:grid-painted\` ` +
    `mark after navigation start. Plan created over REST in ${fmt(paint.createMs)} ms; page JS heap ` +
    `${fmt(paint.pageHeapMb)} MB.\n\n` +
    markdownTable(
      ['room', 'URL → painted grid', 'marks of the median sample (ms)', 'target', ''],
      rows,
    )
  )
}
