import type { Measure, PlanVersion, Role } from '@tandem/shared'
import type { UserPatch, UserRecord } from './user-record.js'
import type { CellChange, PlanLog } from './plan-log.js'

export type {
  CellChange,
  ClientOwners,
  LoggedUpdate,
  NewLogEntry,
  PlanFeed,
  PlanLog,
  PlanRecord,
  StoredPlanState,
} from './plan-log.js'
export { PlanExistsError, PlanMissingError } from './plan-log.js'

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
export type VersionRecord = PlanVersion

/**
 * The one storage contract. Every backend (SQLite, Redis) implements it and passes the same
 * contract suite (tests/integration/store.contract.ts).
 */
export interface PlanStore extends PlanLog {
  /** Which backend this is, for /health and logs. */
  readonly kind: 'sqlite' | 'redis'
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

/** Raised when a version id is taken: versions are immutable. */
export class VersionExistsError extends Error {
  constructor(readonly versionId: string) {
    super(`Version ${versionId} already exists`)
  }
}
