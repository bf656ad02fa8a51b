import { performance } from 'node:perf_hooks'
import { appendCost } from './append-cost.js'
import { loadBenchPlan } from './bench-plan.js'
import { buildBenchPlan } from './build-bench-plan.js'
import type { ProbeReport } from './probe-report.js'
import { overwriteLive } from './overwrite-live.js'
import {
  churnPlans,
  heapMB,
  openApplied,
  overwriteStream,
  stockFullSyncMs,
} from './tandem-probe.js'
import { startTandem } from './tandem-server.js'

/**
 * Child process entry: `probe-process.ts <planFile> <redisUrl> <overwrites> <churnPlans> <appends>`.
 * Cold load, memory, leaks and append cost, each in this fresh process.
 */
async function main(): Promise<void> {
  const [planFile, redisUrl, overwritesArg, churnArg, appendsArg] = process.argv.slice(2)
  const plan = await loadBenchPlan(planFile)
  // Pre-encoded updates of the epoch-0 document: only the store's append cost uses them.
  const appends = overwriteStream(plan, Number(appendsArg))
  const small = buildBenchPlan(1000, 52, 'small')

  const server = await startTandem(plan, { kind: 'sqlite' })
  await server.store.log.createPlan(small.record, small.snapshot)
  // Every heap reading is after forced GC; each room is measured against the heap before it existed.
  const base = await heapMB()
  const started = performance.now()
  await openApplied(server, plan.id)
  const loadMs = performance.now() - started
  const heapLarge = (await heapMB()) - base
  const fullSyncMs = await stockFullSyncMs(server, plan.id)
  // Each overwrite on the writer's live copy, so it follows the automatic epochs (on, as in
  // production, at TANDEM_EPOCH_AFTER's default) that these overwrites start.
  const overwrites = await overwriteLive(server, plan.id, Number(overwritesArg))
  // Past the room's quiet second, so a due compaction has run and its buffers are released.
  await new Promise((resolve) => setTimeout(resolve, 2_500))
  // An epoch started after the writer left gave its room up: measure the current epoch's room.
  await openApplied(server, plan.id)
  const afterOverwrites = await heapMB()
  // Counted in the store: an epoch can also start after the writer's last save.
  const epochs = (await server.store.log.loadPlan(plan.id))?.documentEpoch ?? 0
  const baseSmall = afterOverwrites
  await openApplied(server, small.id)
  const heapSmall = (await heapMB()) - baseSmall
  await server.stop()

  const churn = await churnPlans(Number(churnArg))
  const report: ProbeReport = {
    type: 'probe',
    snapshotBytes: plan.snapshot.byteLength,
    singleCellUpdateBytes: appends[0].byteLength,
    loadMs,
    fullSyncMs,
    heapLargeMB: heapLarge,
    heapSmallMB: heapSmall,
    heapAfterOverwritesMB: afterOverwrites - base,
    overwrites: overwrites.saved,
    epochsDuringOverwrites: epochs,
    rssBeforeChurnMB: churn.rssBefore,
    rssAfterChurnMB: churn.rssAfter,
    churnPlans: Number(churnArg),
    roomsLeaked: churn.leaked,
    appendSqlite: await appendCost({ kind: 'sqlite' }, plan, appends),
    appendRedis: await appendCost({ kind: 'redis', url: redisUrl }, plan, appends),
  }
  process.send?.(report)
  process.disconnect()
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
