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
  /** Which snapshot this is: 0 for the plan's first, one more after each compaction. */
  snapshotEpoch: number
  /** The last log entry the snapshot covers (trimmed from the log); undefined before any compaction. */
  compactedThrough?: string
  /**
   * The plan's document epoch (0 until the first epoch change): which document the snapshot
   * and the log are of. It is the `meta.documentEpoch` of that document.
   */
  documentEpoch: number
}

/** An append made for the document of `documentEpoch`: refused once the plan has moved on. */
export interface AppendGuard {
  documentEpoch: number
}

/**
 * A new document epoch to write in place of the plan's document: its whole state, built from a
 * live document that contains the stored snapshot of `basedOnEpoch` and every log entry through
 * `throughSeq` (undefined: the log has never had one).
 */
export interface EpochChange {
  snapshot: Uint8Array
  throughSeq: string | undefined
  clientOwners: ClientOwners
  /** The snapshot epoch (compaction counter) the live document contains. */
  basedOnEpoch: number
  /** The new document epoch: one more than the stored one. */
  documentEpoch: number
}

/**
 * What `changeEpoch` did: wrote the new document, or nothing, because the stored document
 * epoch or snapshot is not the one the change was built on (`stale`), or the log holds entries
 * after `throughSeq` that the change does not contain (`behind`: merge them and try again).
 */
export type EpochChangeResult =
  | { written: true; snapshotEpoch: number; documentEpoch: number }
  | { written: false; reason: 'stale' | 'behind'; storedDocumentEpoch: number }

/** A snapshot to write in place of the stored one, and the stored snapshot it contains. */
export interface Compaction {
  /** Contains the stored snapshot of epoch `basedOnEpoch` and every log entry through `throughSeq`. */
  snapshot: Uint8Array
  /** Log entries through this one are trimmed; later ones are kept. */
  throughSeq: string
  /** Owners of the clientIDs the snapshot covers. */
  clientOwners: ClientOwners
  /** The epoch of the stored snapshot the new one was built on (loaded, reloaded or written). */
  basedOnEpoch: number
}

/**
 * What `compact` did: wrote the snapshot as epoch `epoch`, or wrote nothing because the stored
 * snapshot is no longer `basedOnEpoch` (another instance compacted first): the caller must
 * merge the stored state before it may compact.
 */
export type CompactionResult =
  { written: true; epoch: number } | { written: false; storedEpoch: number }

/** What follows a plan's log: its entries in order, or the stored state after a gap. */
export interface LogFollower {
  /** Entries appended after the follower's position, by any instance, in log order. */
  entries(entries: LoggedUpdate[]): void
  /**
   * A compaction trimmed entries the follower had not read: the whole stored state (which
   * contains them), after which the follower continues with `entries`.
   */
  reload(state: StoredPlanState): void
}

/**
 * How instances that share a store share live plans: each follows the others' appends to a
 * plan's log and relays awareness through the store. Only shared stores (Redis) have it.
 */
export interface PlanFeed {
  /**
   * Gives `follower`, in log order, every entry appended to the plan's log after `afterSeq`
   * (the last entry the follower has, or the `compactedThrough` it loaded when the log was
   * empty), by any instance, until the returned function is called. However far behind
   * `afterSeq` is, every entry up to the end of the log is delivered; when a compaction has
   * trimmed entries after `afterSeq`, the follower gets `reload` with the stored state instead.
   */
  follow(
    planId: string,
    afterSeq: string | undefined,
    follower: LogFollower,
    /** The document epoch the follower holds: a page of another epoch is a `reload`. */
    documentEpoch?: number,
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
   * PlanMissingError when there is no such plan. With `guard`, the append is made for one
   * document epoch: when the plan is at another, nothing is written and EpochChangedError is
   * thrown, in the same atomic step, so no entry of an old epoch follows an epoch change.
   * Rooms always pass it.
   */
  appendUpdates(planId: string, entries: NewLogEntry[], guard?: AppendGuard): Promise<string[]>
  /** The snapshot and the log since it, or undefined if there is no such plan. */
  loadPlan(planId: string): Promise<StoredPlanState | undefined>
  /**
   * Compare-and-set: when the stored snapshot is still epoch `basedOnEpoch`, atomically
   * replaces it (and the clientID owners) with `snapshot`, trims the log through `throughSeq`
   * (later entries are kept) and moves to the next epoch. Otherwise writes nothing. Since each
   * snapshot contains the one before it and every entry it trims, no stored entry is ever lost,
   * however the instances that compact are timed. Throws PlanMissingError for a missing plan.
   */
  compact(planId: string, compaction: Compaction): Promise<CompactionResult>
  /**
   * Compare-and-set of a new document epoch: when the stored document epoch is one less than
   * `documentEpoch`, the snapshot is still `basedOnEpoch` and the log has no entry after
   * `throughSeq`, atomically writes the snapshot and owners, trims the whole log, moves the
   * snapshot epoch on and sets the document epoch. Otherwise writes nothing. Cell history and
   * versions are untouched. Throws PlanMissingError for a missing plan.
   */
  changeEpoch(planId: string, change: EpochChange): Promise<EpochChangeResult>
}

/** Raised by a guarded append made for a document epoch the plan has left. */
export class EpochChangedError extends Error {
  constructor(
    readonly planId: string,
    readonly storedDocumentEpoch: number,
  ) {
    super(`Plan ${planId} is at document epoch ${storedDocumentEpoch}`)
  }
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
