import { cpus, totalmem } from 'node:os'
import type { BenchResults } from './bench-report.js'
import { benchTables } from './bench-report.js'
import { BENCH_NOTES } from './bench-notes.js'

/**
 * docs/benchmarks.md: when and where it ran, how to run it, the tables, the notes, and then the
 * sections other scenarios wrote between their markers (see bench-section.ts), kept as they were.
 */
export function benchDoc(results: BenchResults, elapsedMs: number, sections = ''): string {
  const { options } = results
  const cpu = cpus()
  return `# Benchmarks

Latest results of \`pnpm bench\` (tests/bench), written by the bench itself. Do not edit the tables by hand; the notes at the end live in \`tests/bench/bench-notes.ts\`.

- **Date:** ${new Date().toISOString()}
- **Machine:** ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, ${process.platform}
- **Mode:** ${options.quick ? 'quick' : 'full'}, ${options.runs} runs of every scenario; medians with (min–max) of the runs; ratios are ratios of medians
- **Plan:** demoPlan ${options.skuCount} SKUs × ${options.periodCount} weeks × 3 measures, one snapshot seeded into every server
- **Suite time:** ${(elapsedMs / 1000).toFixed(0)} s

## How to run

\`\`\`
pnpm bench            # full suite, 3 runs, writes this file (about 8–9 minutes on 2 cores)
pnpm bench --quick    # 1 run, 1,000 × 52 plan for load and probes, shorter ramps; prints only (2–4 min)
pnpm bench --quick --no-paint                          # without Chromium (about 70 s)
pnpm bench --quick --scenarios=paint                   # only URL → painted grid (about 1 min)
pnpm bench --quick --scenarios=probe --plan=10000x104  # probes on the large plan
pnpm bench --scenarios=probe --overwrites=1000000      # heap after a million overwrites (some 20 automatic epochs)
pnpm bench --quick --scenarios=compute --write         # pure computations; updates only their section
pnpm bench --quick --scenarios=instances               # 2 and 3 instances on one Redis, and the Redis store alone; rewrites its section
pnpm bench --runs=5 --only=tandem-sqlite,y-websocket-server --cpu-prof=/tmp/prof
pnpm bench --scenarios=forecast                        # only the forecast engine on M3 (about 5 s); rewrites its section below
\`\`\`

It needs \`redis-server\` on PATH (started on a free loopback port and stopped afterwards) and \`/usr/bin/chromium\` for the paint scenario (it builds \`client/dist\` with \`pnpm --filter @tandem/client build\` if that is missing). It never fails because of a timing: it prints PASS or MISS. Scenarios outside the server suite write their own section between \`<!-- bench:NAME -->\` markers (tests/bench/bench-section.ts); a full run keeps those sections.

## Results

${benchTables(results)}

${BENCH_NOTES}
${sections ? `\n${sections}\n` : ''}`
}
