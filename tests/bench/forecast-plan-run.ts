import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { buildApp, openSqliteStores, planSnapshot } from '@tandem/server'
import { demoPlan } from '@tandem/shared'

/** A forecast run over a whole plan inside a real server: its time and the event-loop delay. */
export interface ForecastPlanRun {
  skus: number
  periods: number
  historyPeriods: number
  runMs: number
  maxDelayMs: number
  p99DelayMs: number
}

/**
 * Seeds a plan of `skuCount` SKUs × `periodCount` weeks with three years of weekly history into
 * a server's SQLite store, opens its room (as an open board would), starts
 * `POST /api/plans/:id/forecast`'s run and waits for it, watching the server's event loop
 * meanwhile (same process: the bench is the server here).
 */
export async function forecastPlanRun(
  skuCount: number,
  periodCount: number,
): Promise<ForecastPlanRun> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-forecast-bench-'))
  const stores = openSqliteStores(join(dir, 'bench.db'))
  const app = await buildApp({ stores })
  try {
    const { record, snapshot } = planSnapshot(
      'forecast-bench',
      demoPlan({ skuCount, periodCount, history: true }),
    )
    await stores.log.createPlan(record, snapshot)
    // The plan is open on a board when a planner runs the forecast: load its room first.
    const room = await app.rooms.open('forecast-bench')
    if (!room) throw new Error('the bench plan did not open')
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    const began = performance.now()
    await app.forecasts.start('forecast-bench', 'bench')
    await app.forecasts.settled('forecast-bench')
    const runMs = performance.now() - began
    delay.disable()
    app.rooms.release(room)
    const status = app.forecasts.status('forecast-bench')
    if (status.state !== 'done') throw new Error(`forecast run ${status.state}: ${status.error}`)
    return {
      skus: skuCount,
      periods: periodCount,
      historyPeriods: 156,
      runMs,
      maxDelayMs: delay.max / 1e6,
      p99DelayMs: delay.percentile(99) / 1e6,
    }
  } finally {
    await app.close()
    await stores.close()
    await rm(dir, { recursive: true, force: true })
  }
}
