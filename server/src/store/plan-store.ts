/** What the store keeps about a plan besides its document. */
export interface PlanRecord {
  id: string
  name: string
  periodKind: 'week' | 'month'
  firstPeriod: string
  periodCount: number
  skuCount: number
  /** ISO timestamp. */
  createdAt: string
}

/** One entry of a plan's update log, with the sequence number the store gave it. */
export interface LoggedUpdate {
  /** Increasing within a plan; compaction trims through a sequence number. */
  seq: string
  update: Uint8Array
}

/** A plan's durable state: the compacted snapshot plus the log appended since. */
export interface StoredPlanState {
  snapshot: Uint8Array
  updates: LoggedUpdate[]
}

/**
 * The one storage contract. Every backend (SQLite, Redis) implements it and passes the same
 * contract suite (tests/integration/store.contract.ts).
 */
export interface PlanStore {
  /** Which backend this is, for /health and logs. */
  readonly kind: 'sqlite' | 'redis'
  /** Creates a plan with its initial snapshot. Fails if the id exists. */
  createPlan(record: PlanRecord, snapshot: Uint8Array): Promise<void>
  listPlans(): Promise<PlanRecord[]>
  getPlan(id: string): Promise<PlanRecord | undefined>
  /** Deletes the plan, its snapshot and its log. Returns false if there was no such plan. */
  deletePlan(id: string): Promise<boolean>
  /**
   * Appends updates to a plan's log in one durable step (group commit) and returns their
   * sequence numbers, in order. Resolves only once the updates are durable.
   */
  appendUpdates(planId: string, updates: Uint8Array[]): Promise<string[]>
  /** The snapshot and the log since it, or undefined if there is no such plan. */
  loadPlan(planId: string): Promise<StoredPlanState | undefined>
  /**
   * Atomically replaces the snapshot with one that covers the log through `throughSeq`, and
   * removes those log entries. Entries appended after `throughSeq` are kept.
   */
  compact(planId: string, snapshot: Uint8Array, throughSeq: string): Promise<void>
  /** True when the backend answers. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

/** Raised when a plan id is taken. */
export class PlanExistsError extends Error {
  constructor(readonly planId: string) {
    super(`Plan ${planId} already exists`)
  }
}

/** Raised when an append or compaction names a plan that does not exist. */
export class PlanMissingError extends Error {
  constructor(readonly planId: string) {
    super(`Plan ${planId} does not exist`)
  }
}
