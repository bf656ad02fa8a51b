import type { EditSource, Measure, PlanRecord } from '@tandem/shared'

/** What the store keeps about a plan besides its document: the wire type. */
export type { PlanRecord }

/**
 * One write an accepted update stored in a cell, under the update's author: the record behind
 * per-cell history. Two authors racing on one cell each get theirs, with their own value.
 */
export interface CellChange {
  measure: Measure
  key: string
  period: number
  /** What the author wrote (the base value when they removed their overlay entry). */
  value: number
  /** What the cell showed before the update. */
  previous?: number
  /** What the cell shows after the update: not `value` when a concurrent write won. */
  shown?: number
  /** Where the edit came from (declared by the client, or the server's own). */
  source?: EditSource
}

/** An accepted update to append, with the user who sent it and the cells it set. */
export interface NewLogEntry {
  update: Uint8Array
  /** The user id of the sender. */
  author: string
  cells?: CellChange[]
}

/** One entry of a plan's update log, with the sequence number and time the store gave it. */
export interface LoggedUpdate {
  /** Increasing within a plan; compaction trims through a sequence number. */
  seq: string
  update: Uint8Array
  author: string
  /** ISO timestamp of the append. */
  at: string
}

/** Which user first wrote under each Yjs clientID, by clientID (as a decimal string). */
export type ClientOwners = Record<string, string>

/** A plan's durable state: the compacted snapshot plus the log appended since. */
export interface StoredPlanState {
  snapshot: Uint8Array
  /** Owners of the clientIDs the snapshot covers; the log's entries carry their own authors. */
  clientOwners: ClientOwners
  updates: LoggedUpdate[]
}

/**
 * How instances that share a store share live plans: each follows the others' appends to a
 * plan's log and relays awareness through the store. Only shared stores (Redis) have it.
 */
export interface PlanFeed {
  /**
   * Calls `onEntries`, in log order, with every entry appended to the plan's log after
   * `afterSeq`, by any instance, until the returned function is called. However far behind
   * `afterSeq` is, every entry up to the end of the log is delivered.
   */
  follow(
    planId: string,
    afterSeq: string | undefined,
    onEntries: (entries: LoggedUpdate[]) => void,
  ): Promise<() => Promise<void>>
  /** Sends an awareness update to the other instances that follow the plan. */
  publishAwareness(planId: string, update: Uint8Array): void
  /** Calls `onUpdate` with awareness updates published by other instances. */
  subscribeAwareness(
    planId: string,
    onUpdate: (update: Uint8Array) => void,
  ): Promise<() => Promise<void>>
}

/**
 * The plan log: which plans exist, and each plan's document as a snapshot plus the updates
 * appended since. A plan's record is created and deleted with its log (deleting a plan removes
 * everything any store keeps under it). Every backend passes tests/integration/plan-log.contract.ts.
 */
export interface PlanLog {
  /** Present when several server instances can share this log. */
  readonly feed?: PlanFeed
  /** Creates a plan with its initial snapshot; throws PlanExistsError if the id exists. */
  createPlan(record: PlanRecord, snapshot: Uint8Array): Promise<void>
  listPlans(): Promise<PlanRecord[]>
  getPlan(id: string): Promise<PlanRecord | undefined>
  /** Deletes the plan and everything kept under it. Returns false if there was no such plan. */
  deletePlan(id: string): Promise<boolean>
  /**
   * Appends updates to a plan's log in one durable step (group commit) and returns their
   * sequence numbers, in order. Resolves only once the updates are durable. Throws
   * PlanMissingError when there is no such plan.
   */
  appendUpdates(planId: string, entries: NewLogEntry[]): Promise<string[]>
  /** The snapshot and the log since it, or undefined if there is no such plan. */
  loadPlan(planId: string): Promise<StoredPlanState | undefined>
  /**
   * Atomically replaces the snapshot (and the clientID owners it covers) with one that covers
   * the log through `throughSeq`, and removes those log entries. Later entries are kept.
   */
  compact(
    planId: string,
    snapshot: Uint8Array,
    throughSeq: string,
    clientOwners: ClientOwners,
  ): Promise<void>
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
