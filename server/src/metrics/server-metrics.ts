import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { RejectionCode } from '@tandem/shared'
import { REJECTION_CODES } from '@tandem/shared'
import type { RoomObserver } from '../rooms/room-observer.js'

/** Which import route ran. */
export type ImportRunKind = 'create' | 'preview' | 'apply'
/** How a run ended: `ok`, refused for the caller's input, or failed on the server's side. */
export type RunOutcome = 'ok' | 'refused' | 'failed'

/** What the gauges read when scraped. */
export interface LiveCounts {
  rooms(): number
  sockets(): number
}

/**
 * The server's Prometheus metrics in one registry of its own (so several apps in one process
 * do not share counters). Rooms report through {@link RoomObserver}; routes and features call
 * the methods here. `/metrics` serves {@link ServerMetrics.text}.
 */
export class ServerMetrics implements RoomObserver {
  readonly registry = new Registry()
  private readonly accepted: Counter
  private readonly rejected: Counter<'code'>
  private readonly append: Histogram<'store'>
  private readonly fanOut: Histogram
  private readonly compactions: Counter<'store' | 'outcome'>
  private readonly imports: Counter<'kind' | 'outcome'>
  private readonly forecasts: Counter<'outcome'>
  private defaultsOn = false

  constructor(live: LiveCounts) {
    const registers = [this.registry]
    new Gauge({
      name: 'tandem_rooms_open',
      help: 'Plans loaded as live rooms on this instance',
      registers,
      collect() {
        this.set(live.rooms())
      },
    })
    new Gauge({
      name: 'tandem_sockets_open',
      help: 'Open sync WebSocket connections on this instance',
      registers,
      collect() {
        this.set(live.sockets())
      },
    })
    this.accepted = new Counter({
      name: 'tandem_updates_accepted_total',
      help: 'Updates from peers that kept the rules and changed the plan',
      registers,
    })
    this.rejected = new Counter({
      name: 'tandem_updates_rejected_total',
      help: 'Updates from peers refused, by rejection code',
      labelNames: ['code'],
      registers,
    })
    for (const code of REJECTION_CODES) this.rejected.inc({ code }, 0)
    this.append = new Histogram({
      name: 'tandem_store_append_seconds',
      help: 'Time of one durable append (a group commit of updates) to the store',
      labelNames: ['store'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    })
    this.fanOut = new Histogram({
      name: 'tandem_relay_fanout_messages',
      help: 'Update messages sent to peers after one durable append',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    })
    this.compactions = new Counter({
      name: 'tandem_compactions_total',
      help: 'Plan compactions (snapshot rebuilt, log trimmed), by store and outcome',
      labelNames: ['store', 'outcome'],
      registers,
    })
    this.imports = new Counter({
      name: 'tandem_import_runs_total',
      help: 'Excel and CSV imports, by route (create, preview, apply) and outcome',
      labelNames: ['kind', 'outcome'],
      registers,
    })
    this.forecasts = new Counter({
      name: 'tandem_forecast_runs_total',
      help: 'Statistical forecast runs, by outcome',
      labelNames: ['outcome'],
      registers,
    })
  }

  /** Adds the process metrics (event-loop delay, heap, CPU); once, when /metrics is served. */
  collectProcessMetrics(): void {
    if (this.defaultsOn) return
    this.defaultsOn = true
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 })
  }

  updateAccepted(): void {
    this.accepted.inc()
  }

  updateRejected(code: RejectionCode): void {
    this.rejected.inc({ code })
  }

  relayed(messages: number): void {
    this.fanOut.observe(messages)
  }

  appendTimed(store: string, seconds: number): void {
    this.append.observe({ store }, seconds)
  }

  compacted(store: string, outcome: 'ok' | 'stale' | 'failed'): void {
    this.compactions.inc({ store, outcome })
  }

  importRun(kind: ImportRunKind, outcome: RunOutcome): void {
    this.imports.inc({ kind, outcome })
  }

  /** For the forecast feature: call once per run of the engine over a plan. */
  forecastRun(outcome: RunOutcome): void {
    this.forecasts.inc({ outcome })
  }

  /** The registry in Prometheus text format, and its content type. */
  async text(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType }
  }
}
