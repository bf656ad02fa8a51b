import type { FastifyBaseLogger } from 'fastify'
import type { ExtensionMessage, ForecastResult, ForecastRunStatus } from '@tandem/shared'
import {
  HISTORY_PERIODS,
  PlanDoc,
  readActuals,
  SEASON_LENGTHS,
  statisticalForecastOf,
} from '@tandem/shared'
import { ApiProblem } from '../http/api-problem.js'
import type { RunOutcome } from '../metrics/server-metrics.js'
import type { Room } from '../rooms/room.js'
import type { RoomRegistry } from '../rooms/room-registry.js'
import { runForecastWorkers } from './run-forecast-workers.js'

/** Most SKUs whose forecasts are written in one transaction. */
export const FORECAST_WRITE_CHUNK = 20

/**
 * The forecast runs of this server: one at a time per plan, each in a worker thread. A run reads
 * every active SKU's history (the actuals before period 0), forecasts the plan's horizon,
 * reports progress to the plan's peers (`forecastProgress`) and writes the `forecast` root as
 * the server a chunk of results at a time, as the workers send them (one transaction per
 * FORECAST_WRITE_CHUNK SKUs), so it reaches every open board live and no single step holds the event loop long.
 */
export class ForecastRuns {
  private readonly statuses = new Map<string, ForecastRunStatus>()
  private readonly running = new Map<string, Promise<void>>()

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly logger: FastifyBaseLogger,
    private readonly counted: (outcome: RunOutcome) => void,
  ) {}

  status(planId: string): ForecastRunStatus {
    return this.statuses.get(planId) ?? { state: 'idle', done: 0, total: 0 }
  }

  /** Starts a run; refuses while one of the same plan is under way. */
  async start(planId: string, author: string): Promise<ForecastRunStatus> {
    if (this.running.has(planId)) {
      this.counted('refused')
      throw new ApiProblem('conflict', `A forecast of plan ${planId} is already running`)
    }
    const room = await this.rooms.open(planId)
    if (!room) throw new ApiProblem('planNotFound', `No plan ${planId}`, 'id')
    const run = this.run(planId, room, author).finally(() => {
      this.running.delete(planId)
      this.rooms.release(room)
    })
    this.running.set(planId, run)
    return this.status(planId)
  }

  /** Resolves when the plan's current run (if any) has ended. */
  async settled(planId: string): Promise<void> {
    await this.running.get(planId)
  }

  private async run(planId: string, room: Room, author: string): Promise<void> {
    const startedAt = new Date().toISOString()
    const plan = new PlanDoc(room.doc)
    const meta = plan.readMeta()
    const history = HISTORY_PERIODS[meta.periodKind]
    const skus = plan.listSkus().filter((sku) => !plan.isRetired(sku))
    const total = skus.length
    const report = (status: ForecastRunStatus) => {
      this.statuses.set(planId, status)
      if (status.state === 'idle') return
      const message: ExtensionMessage = {
        type: 'forecastProgress',
        state: status.state,
        done: status.done,
        total: status.total,
      }
      for (const peer of room.peers) peer.notify(message)
    }
    report({ state: 'running', done: 0, total, startedAt })
    try {
      const histories = await readHistories(plan, skus, history)
      let done = 0
      let failure: unknown
      let writes = Promise.resolve()
      // One transaction per FORECAST_WRITE_CHUNK SKUs: each is applied, encoded and appended
      // on the event loop, so a smaller one holds it for less (about 20 SKUs × 104 periods take
      // a few milliseconds); the append's await between them lets sockets and timers run.
      const write = async (from: number, results: ForecastResult[]) => {
        for (let start = 0; start < results.length; start += FORECAST_WRITE_CHUNK) {
          const slice = results.slice(start, start + FORECAST_WRITE_CHUNK)
          await room.change(author, (live) => {
            slice.forEach((result, i) =>
              live.forecast.set(
                skus[from + start + i],
                statisticalForecastOf(result, meta.decimals, startedAt),
              ),
            )
          })
        }
      }
      await runForecastWorkers(
        { seasonLength: SEASON_LENGTHS[meta.periodKind], horizon: meta.periodCount, histories },
        (from, results) => {
          done += results.length
          if (done < total) report({ state: 'running', done, total, startedAt })
          writes = writes
            .then(() => write(from, results))
            .then(
              () => undefined,
              (error: unknown) => void (failure ??= error),
            )
        },
      )
      report({ state: 'writing', done: total, total, startedAt })
      await writes
      if (failure) throw failure
      report({ state: 'done', done: total, total, startedAt, finishedAt: new Date().toISOString() })
      this.counted('ok')
      this.logger.info({ planId, skus: total }, 'forecast run done')
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      report({ state: 'failed', done: this.status(planId).done, total, startedAt, error: reason })
      this.counted('failed')
      this.logger.error({ planId, error: reason }, 'forecast run failed')
    }
  }
}

/** SKUs whose history is read between two turns of the event loop (about 10 ms of work). */
const HISTORY_READ_SLICE = 1000

/**
 * Every SKU's history, read a slice at a time with a turn of the event loop between slices:
 * reading 10,000 SKUs at once would hold it for over 100 ms.
 */
async function readHistories(
  plan: PlanDoc,
  skus: readonly string[],
  periods: number,
): Promise<(number | null)[][]> {
  const histories: (number | null)[][] = []
  for (let start = 0; start < skus.length; start += HISTORY_READ_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve))
    for (const sku of skus.slice(start, start + HISTORY_READ_SLICE))
      histories.push(readActuals(plan, sku).slice(0, periods))
  }
  return histories
}
