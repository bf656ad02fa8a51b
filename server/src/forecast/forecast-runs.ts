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

/**
 * The forecast runs of this server: one at a time per plan, each in a worker thread. A run reads
 * every active SKU's history (the actuals before period 0), forecasts the plan's horizon,
 * reports progress to the plan's peers (`forecastProgress`) and writes the `forecast` root as
 * the server a chunk of results at a time, as the workers send them (one transaction per 100
 * SKUs), so it reaches every open board live and no single step holds the event loop long.
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
    const histories = skus.map((sku) => readActuals(plan, sku).slice(0, history))
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
      let done = 0
      let failure: unknown
      let writes = Promise.resolve()
      const write = (from: number, results: ForecastResult[]) =>
        room.change(author, (live) => {
          results.forEach((result, i) =>
            live.forecast.set(
              skus[from + i],
              statisticalForecastOf(result, meta.decimals, startedAt),
            ),
          )
        })
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
