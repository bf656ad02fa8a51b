import type { Accounts } from './accounts.js'
import type { PlanLog } from './plan-log.js'
import type { PlanRecords } from './plan-records.js'
import type { RateCounters } from './rate-counters.js'
import type { ScenarioStore } from './scenario-store.js'
import type { StoreLogger } from './store-logger.js'
import type { UserFeed } from './user-feed.js'

/** Whether a backend answers, and the last error it reported, for /health and logs. */
export interface StoreHealth {
  reachable: boolean
  /** The last error the backend reported (a dropped connection, a failed read), if any. */
  lastError?: { message: string; at: string }
}

/**
 * One backend's three aggregates, opened and closed together. Consumers take the narrowest
 * member they need; only app.ts and main.ts hold the whole.
 */
export interface Stores {
  /** Which backend this is, for /health and logs. */
  readonly kind: 'sqlite' | 'redis'
  readonly log: PlanLog
  readonly records: PlanRecords
  readonly accounts: Accounts
  /** Scenarios: the link from each scenario's plan to its base. */
  readonly scenarios: ScenarioStore
  /** Rate-limit counters: in this process for SQLite, shared by every instance for Redis. */
  readonly rateCounters: RateCounters
  /** Messages to one user's tabs on every instance (inbox read marks); Redis only. */
  readonly userFeed?: UserFeed
  /** Where the backend logs its errors from now on (the app hands over its pino logger). */
  useLogger(logger: StoreLogger): void
  /** Asks the backend; never throws. */
  health(): Promise<StoreHealth>
  close(): Promise<void>
}
