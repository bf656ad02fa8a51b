import type { ActivityEntry, CellHistoryEntry, Measure, PlanVersion } from '@tandem/shared'
import type { CellChange } from './plan-log.js'

/** One write a cell received, under its author, and one entry of the activity feed: wire types. */
export type { ActivityEntry, CellHistoryEntry }

/**
 * A published version as the store keeps it: the wire type (old records without a kind read as
 * `manual`; a consensus version published by the end of a meeting keeps the minutes).
 */
export type VersionRecord = PlanVersion

/**
 * What is kept about a plan beside its document: published versions, per-cell history and
 * activity (written by {@link PlanLog.appendUpdates} in the same step as the log, read here),
 * read marks of comment threads and of inbox items. Everything here is removed with the plan. Every backend passes
 * tests/integration/plan-records.contract.ts.
 */
export interface PlanRecords {
  /**
   * Newest first: every write a cell received (at most `limit`), each with its author, time,
   * source, the value before and the value the cell kept.
   */
  cellHistory(
    planId: string,
    cell: Omit<CellChange, 'value'>,
    limit: number,
  ): Promise<CellHistoryEntry[]>
  /**
   * Who last wrote each cell of a measure (the author of its newest write), by `key@period`:
   * the per-cell history the Accuracy report attributes overrides with.
   */
  lastAuthors(planId: string, measure: Measure): Promise<Record<string, string>>
  /** Newest first: accepted updates that set cells (at most `limit`). */
  activity(planId: string, limit: number): Promise<ActivityEntry[]>
  /**
   * Stores a published version; throws VersionExistsError when its id is taken and
   * PlanMissingError when there is no such plan.
   */
  createVersion(record: VersionRecord, snapshot: Uint8Array): Promise<void>
  /** A plan's versions, oldest first. */
  listVersions(planId: string): Promise<VersionRecord[]>
  loadVersion(
    planId: string,
    versionId: string,
  ): Promise<{ record: VersionRecord; snapshot: Uint8Array } | undefined>
  /**
   * Keeps a version's accuracy extract (the bytes of `encodeAccuracyExtract`, derived from its
   * snapshot), replacing any before: the Accuracy report reads it instead of decoding the
   * snapshot. Nothing is kept for a version that does not exist; removed with the plan.
   */
  saveAccuracyExtract(planId: string, versionId: string, extract: Uint8Array): Promise<void>
  /** A version's accuracy extract, undefined when none was saved (older versions). */
  loadAccuracyExtract(planId: string, versionId: string): Promise<Uint8Array | undefined>
  /** When a user last read each comment thread of a plan (ISO time by thread id). */
  getReadMarks(planId: string, userId: string): Promise<Record<string, string>>
  /**
   * Records that a user read a thread up to `at`; a later mark replaces an earlier one, an
   * earlier one is ignored. Throws PlanMissingError when there is no such plan.
   */
  setReadMark(planId: string, userId: string, threadId: string, at: string): Promise<void>
  /** The ids of the inbox items (from this plan) that a user marked read. */
  getInboxReads(planId: string, userId: string): Promise<string[]>
  /**
   * Marks inbox items of one plan read for a user, or with `read` false unread again, all in one
   * atomic step; marking twice is the same as once. Throws PlanMissingError when there is no
   * such plan (and then marks nothing).
   */
  setInboxReads(planId: string, userId: string, itemIds: string[], read: boolean): Promise<void>
}

/** Raised when a version id is taken: versions are immutable. */
export class VersionExistsError extends Error {
  constructor(readonly versionId: string) {
    super(`Version ${versionId} already exists`)
  }
}
