import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { startRedisServer } from '../support/redis-server.js'
import { saveBenchPlan } from './bench-plan.js'
import { benchDoc } from './bench-doc.js'
import type { Scenario } from './bench-options.js'
import { parseBenchOptions } from './bench-options.js'
import type { BenchResults } from './bench-report.js'
import { benchTables } from './bench-report.js'
import { buildBenchPlan } from './build-bench-plan.js'
import { generateEditStreams } from './edit-streams.js'
import { startLoadWorkers } from './load-group.js'
import { loadRun, planSlots, slotEditCounts } from './load-suite.js'
import { paintRun } from './paint-run.js'
import { navigateRun } from './navigate-run.js'
import { navigateTable } from './navigate-report.js'
import { probeRun } from './probe-run.js'
import { isServerKind, SERVER_KINDS } from './server-kind.js'
import { saveStream } from './stream-file.js'
import { forecastRun } from './forecast-run.js'
import { accuracyRun, accuracyTable } from './accuracy-run.js'
import { forecastPlanTable, forecastTables } from './forecast-report.js'
import { forecastPlanRun } from './forecast-plan-run.js'
import { keptBenchSections, writeBenchSection } from './bench-section.js'
import { computeRun, computeTable } from './compute-run.js'
import { readM3Monthly } from './m3-series.js'
import { instancesRun, instancesTable } from './instances-run.js'
import { scenarioRun, scenarioTable } from './scenario-run.js'
import { meetingRun, meetingTable } from './meeting-run.js'

/** The meeting scenario (issue 16): a presenter's moves reaching 50 followers over awareness. */
async function meetingScenario(docFile: string, quick: boolean): Promise<void> {
  const durationMs = quick ? 3000 : 15_000
  console.log(`meeting: one presenter, 50 followers, ${durationMs / 1000} s at 4 and 20 moves/s`)
  try {
    const table = meetingTable([
      await meetingRun(50, 4, durationMs),
      await meetingRun(50, 20, durationMs),
    ])
    console.log(`\n${table}\n`)
    await writeBenchSection(
      'meeting',
      `## Following a presenter (\`--scenarios=meeting\`, ${new Date().toISOString()})\n\n` +
        'One real server in the bench process (SQLite), a 200 × 26 plan, a presenter and 50 followers, each a stock y-websocket client with awareness and a user of its own, all in the bench process (so the followers’ decoding shares the cores with the server). The presenter publishes what the board publishes in a meeting (cursor, viewport, the presenter’s view) 4 times a second (the board coalesces its moves to one per 250 ms) and, as a stress, 20 times a second, above the server’s presence rate of 10 a second per socket, which holds the latest and sends it on. Latency runs from the presenter’s `setLocalState` to a follower’s awareness change; the last column is the last move until every follower shows it. Target: smooth following, i.e. every follower on the presenter’s final position within a frame or two.\n\n' +
        table,
    )
    console.log(`wrote the meeting section of ${docFile}`)
  } catch (error) {
    console.error(`  ! meeting: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}

/** The scenarios scenario (issue 17): branch, compare and the supply proposal in a real server. */
async function scenariosScenario(docFile: string, quick: boolean): Promise<void> {
  const [skus, weeks] = quick ? [1000, 52] : [10_000, 104]
  console.log(`scenarios: branch, compare and supply proposal on a ${skus} × ${weeks} plan`)
  try {
    const table = scenarioTable(await scenarioRun(skus, weeks))
    console.log(`\n${table}\n`)
    await writeBenchSection(
      'scenarios',
      `## Scenarios and the supply proposal (\`--scenarios=scenarios\`, ${new Date().toISOString()})\n\n` +
        'One real server in the bench process, SQLite store: branching is what `POST /api/plans/:id/scenarios` runs, the comparison is `compareScenario` over the two live rooms (as `GET …/compare`), the proposal is `POST …/propose-supply` over every SKU (a worker thread loads the base, proposes and writes the scenario’s first state; the main thread stores it).\n\n' +
        table,
    )
    console.log(`wrote the scenarios section of ${docFile}`)
  } catch (error) {
    console.error(`  ! scenarios: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}

/** The accuracy scenario (issue 15): `GET /api/plans/:id/accuracy` on a 10,000 SKU plan. */
async function accuracyScenario(docFile: string): Promise<void> {
  console.log('accuracy: GET /api/plans/:id/accuracy, 10,000 SKUs × 52 weeks × 12 versions')
  try {
    const table = accuracyTable(await accuracyRun())
    console.log(table)
    await writeBenchSection(
      'accuracy',
      `## Forecast accuracy report (\`--scenarios=accuracy\`, ${new Date().toISOString()})\n\n` +
        'One real server in the bench process, SQLite store: a plan of 10,000 SKUs × 52 weeks with three years of weekly actuals (156 closed periods) and 12 versions of the whole plan, one a week (sales submissions and consensus alternating, each with its statistical forecast); the client is `fetch` over loopback. Target: ≤ 2 s.\n\n' +
        table,
    )
    console.log(`wrote the accuracy section of ${docFile}`)
  } catch (error) {
    const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : ''
    console.error(`  ! accuracy: ${error instanceof Error ? error.message : String(error)}${cause}`)
  }
}

/** The forecast scenario: the engine over the M3 monthly series, its section of the doc rewritten. */
async function forecastScenario(docFile: string, quick: boolean): Promise<void> {
  console.log('forecast: forecastSeries over the M3 monthly series (last 18 held out)')
  try {
    const report = forecastRun(await readM3Monthly())
    const [skus, weeks] = quick ? [1000, 52] : [10_000, 104]
    console.log(`forecast: a run over a ${skus} × ${weeks}-week plan with 3 years of history`)
    const tables = `${forecastTables(report)}\n\n${forecastPlanTable(await forecastPlanRun(skus, weeks))}`
    console.log(`\n${tables}\n`)
    await writeBenchSection(
      'forecast',
      `## Forecast engine (\`--scenarios=forecast\`, ${new Date().toISOString()})\n\n${tables}`,
    )
    console.log(`wrote the forecast section of ${docFile}`)
  } catch (error) {
    console.error(`  ! forecast: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}

/**
 * The compute scenario: the pure computations behind the heavy views (supply proposal, accuracy
 * and FVA, time roll-up), on 10,000 SKUs. It writes its section only on a full run or `--write`.
 */
async function navigateScenario(quick: boolean, write: boolean): Promise<void> {
  const [skus, weeks] = quick ? [1000, 52] : [10_000, 104]
  console.log(`navigate: filter, sort, search, grain and edits on a ${skus} × ${weeks} plan`)
  try {
    const table = navigateTable(await navigateRun(skus, weeks))
    console.log(`\n${table}\n`)
    if (quick && !write) return
    await writeBenchSection(
      'navigate',
      `### Finding your way in a big plan (\`--scenarios=navigate\`, ${new Date().toISOString()})\n\n` +
        "Debian Chromium, a planner's board on a real server. Input → painted grid runs from the input event's timestamp to the frame after the new view committed and was drawn (an upper bound: up to a frame more than the draw itself). Edit → repaint runs from the local transaction (`tandem:edit`) to the frame after its rows were damaged (`tandem:repaint`), with Only SKUs with gaps and a period sort on. Grouping by site is not in this run: it had not landed.\n\n" +
        table,
    )
  } catch (error) {
    console.error(`  ! navigate: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function computeScenario(runs: number, write: boolean): Promise<void> {
  console.log(`compute: pure computations, ${runs} runs`)
  const table = computeTable(computeRun(runs))
  console.log(`\n${table}\n`)
  if (!write) return
  await writeBenchSection(
    'compute',
    `### Computations behind the heavy views (\`--scenarios=compute\`, ${new Date().toISOString()})\n\n` +
      'Single-threaded, on the main thread of the bench process: the time is also how long each would hold an event loop, which is why the server runs the heavy ones in a worker thread.\n\n' +
      table,
  )
}

/**
 * The instances scenario (issue 12): 50 clients spread over 2, then 3, Tandem processes on one
 * redis-server at 200 edits/s, and the Redis store alone at the same rate. Its section of the
 * doc is rewritten on every run.
 */
async function instancesScenario(quick: boolean, profileDir: string | undefined): Promise<void> {
  console.log('instances: cross-instance delivery on one Redis, and the Redis store alone')
  try {
    const report = await instancesRun({
      clients: 50,
      rate: 200,
      durationMs: quick ? 3000 : 10_000,
      instanceCounts: [2, 3],
      skuCount: 1000,
      periodCount: 52,
      profileDir,
    })
    const table = instancesTable(report)
    console.log(`\n${table}\n`)
    await writeBenchSection(
      'instances',
      `## Several instances on one Redis (\`--scenarios=instances\`, ${new Date().toISOString()})\n\n${table}`,
    )
  } catch (error) {
    console.error(`  ! instances: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}

/**
 * `pnpm bench [--quick] [--runs=N] [--only=kind,…] [--scenarios=load,probe,paint,navigate,forecast,compute,instances,scenarios,accuracy,meeting]
 * [--no-load] [--no-probe] [--no-paint] [--no-forecast] [--no-compute] [--no-instances] [--paint-samples=N] [--cpu-prof=dir]
 * [--write]`
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const options = parseBenchOptions(argv)
  const docFile = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url))
  const wants = (scenario: Scenario) => options.scenarios.includes(scenario)
  // First and alone: its run time is one of its figures, so nothing else may share the cores.
  if (wants('forecast')) await forecastScenario(docFile, options.quick)
  if (wants('scenarios')) await scenariosScenario(docFile, options.quick)
  if (wants('accuracy')) await accuracyScenario(docFile)
  if (wants('compute'))
    await computeScenario(Math.max(3, options.runs), !options.quick || argv.includes('--write'))
  if (wants('instances')) await instancesScenario(options.quick, options.profileDir)
  if (wants('navigate')) await navigateScenario(options.quick, argv.includes('--write'))
  if (wants('meeting')) await meetingScenario(docFile, options.quick)
  if (!wants('load') && !wants('probe') && !wants('paint')) return
  const began = performance.now()
  const kinds = (options.only ?? [...SERVER_KINDS]).filter(isServerKind)
  const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-'))
  console.log(
    `Tandem bench: ${options.quick ? 'quick' : 'full'}, ${options.runs} runs, ${kinds.join(', ')}; ` +
      `scenarios ${options.scenarios.join(', ')}`,
  )

  const plan = buildBenchPlan(options.skuCount, options.periodCount)
  const planFile = await saveBenchPlan(dir, plan)
  const slots = planSlots(options)
  const streams = generateEditStreams(plan, slotEditCounts(options, slots))
  await Promise.all(streams.map((stream, slot) => saveStream(dir, slot, stream)))
  console.log(
    `plan ${options.skuCount} × ${options.periodCount}: ${plan.snapshot.byteLength} snapshot bytes; ` +
      `${streams.reduce((n, s) => n + s.length, 0)} edits generated (${((performance.now() - began) / 1000).toFixed(1)} s)`,
  )

  const redis = await startRedisServer()
  const workers = startLoadWorkers(options.loadWorkers)
  const results: BenchResults = { options, kinds, loads: [], probes: [], paint: undefined }
  try {
    for (let run = 1; run <= options.runs; run++) {
      console.log(`run ${run}/${options.runs}`)
      for (const kind of wants('load') ? kinds : []) {
        const context = {
          options,
          workers,
          slots,
          planFile,
          planId: plan.id,
          streamDir: dir,
          redisUrl: redis.url,
        }
        try {
          results.loads.push(await loadRun(kind, run, context))
        } catch (error) {
          console.error(
            `  ! ${kind} run ${run}: ${error instanceof Error ? error.message : String(error)}`,
          )
        }
      }
      if (!wants('probe')) continue
      try {
        const probe = await probeRun(options, planFile, redis.url)
        results.probes.push(probe)
        console.log(
          `  probe: load ${probe.loadMs.toFixed(0)} ms, heap ${probe.heapLargeMB.toFixed(1)} MB, ` +
            `after ${probe.overwrites} overwrites ${probe.heapAfterOverwritesMB.toFixed(1)} MB, ` +
            `full sync ${probe.fullSyncMs.toFixed(0)} ms, leaked ${probe.roomsLeaked}`,
        )
      } catch (error) {
        console.error(
          `  ! probe run ${run}: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
    // Once per suite, after the load: Chromium needs the cores to itself as much as the servers do.
    if (wants('paint')) {
      console.log(`paint: URL → painted grid, ${options.paintSamples} cold and warm page loads`)
      try {
        results.paint = await paintRun(options.paintSamples)
      } catch (error) {
        console.error(`  ! paint: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()))
    await redis.stop()
    await rm(dir, { recursive: true, force: true })
  }

  const elapsed = performance.now() - began
  console.log(`\n${benchTables(results)}\n\nSuite time ${(elapsed / 1000).toFixed(0)} s`)
  if (!options.quick || argv.includes('--write')) {
    await writeFile(docFile, benchDoc(results, elapsed, await keptBenchSections()))
    console.log(`wrote ${docFile}`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
