import type { Measure, Role } from '@tandem/shared'
import type { UserPatch, UserRecord } from './user-record.js'

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

/** A cell's value after an accepted update: the record behind per-cell history. */
export interface CellChange {
  measure: Measure
  key: string
  period: number
  value: number
}

/** An accepted update to append, with the user who sent it and the cells it set. */
export interface NewLogEntry {
  update: Uint8Array
  /** The user id of the sender. */
  author: string
  cells?: CellChange[]
}

/** One value a cell has had. */
export interface CellHistoryEntry {
  value: number
  author: string
  at: string
  seq: string
}

/** One accepted update in a plan's activity feed. */
export interface ActivityEntry {
  seq: string
  author: string
  at: string
  /** How many cells it set. */
  cells: number
  /** The measures and row keys it touched (at most 10 keys). */
  measures: Measure[]
  keys: string[]
}

/** A published version: an immutable snapshot with its name, note, author and time. */
export interface VersionRecord {
  id: string
  planId: string
  name: string
  note: string
  author: string
  createdAt: string
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
   * `afterSeq`, by any instance, until the returned function is called.
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
 * The one storage contract. Every backend (SQLite, Redis) implements it and passes the same
 * contract suite (tests/integration/store.contract.ts).
 */
export interface PlanStore {
  /** Which backend this is, for /health and logs. */
  readonly kind: 'sqlite' | 'redis'
  /** Present when several server instances can share this store. */
  readonly feed?: PlanFeed
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
  /** Newest first: every value a cell was set to, by whom and when (at most `limit`). */
  cellHistory(
    planId: string,
    cell: Omit<CellChange, 'value'>,
    limit: number,
  ): Promise<CellHistoryEntry[]>
  /** Newest first: accepted updates that set cells (at most `limit`). */
  activity(planId: string, limit: number): Promise<ActivityEntry[]>
  /** Stores a published version; throws VersionExistsError when its id is taken. */
  createVersion(record: VersionRecord, snapshot: Uint8Array): Promise<void>
  /** A plan's versions, oldest first. */
  listVersions(planId: string): Promise<VersionRecord[]>
  loadVersion(
    planId: string,
    versionId: string,
  ): Promise<{ record: VersionRecord; snapshot: Uint8Array } | undefined>
  /** When a user last read each comment thread of a plan (ISO time by thread id). */
  getReadMarks(planId: string, userId: string): Promise<Record<string, string>>
  /** Records that a user read a thread up to `at`; a later mark replaces an earlier one. */
  setReadMark(planId: string, userId: string, threadId: string, at: string): Promise<void>
  /** Creates a user; throws UserExistsError when the email is taken. */
  createUser(user: UserRecord): Promise<void>
  getUser(id: string): Promise<UserRecord | undefined>
  /** Looks a user up by lower-case email. */
  getUserByEmail(email: string): Promise<UserRecord | undefined>
  listUsers(): Promise<UserRecord[]>
  /** Applies a patch and returns the updated user, or undefined if there is none. */
  updateUser(id: string, patch: UserPatch): Promise<UserRecord | undefined>
  /** Sets or (with null) removes a user's role in one plan. */
  setPlanRole(planId: string, userId: string, role: Role | null): Promise<void>
  /** Roles given in one plan, by user id. */
  getPlanRoles(planId: string): Promise<Record<string, Role>>
  /** Stores `value` under `key` unless one is there; returns the value that is stored. */
  ensureSetting(key: string, value: string): Promise<string>
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

/** Raised when a version id is taken: versions are immutable. */
export class VersionExistsError extends Error {
  constructor(readonly versionId: string) {
    super(`Version ${versionId} already exists`)
  }
}
