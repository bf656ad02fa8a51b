import type {
  AccuracyInput,
  AccuracyQuery,
  AccuracyReport,
  SnapshotPlacement,
} from '@tandem/shared'

/** The live plan's part of an accuracy input: everything but the versions and the authors. */
export type LiveAccuracy = Omit<AccuracyInput, 'snapshots' | 'writers' | 'names'>

/** One version a report uses: its cache key in the worker, where it sits, and its bytes if sent. */
export interface SnapshotRef {
  key: string
  placement: SnapshotPlacement
  snapshot?: Uint8Array
}

/** A report asked of the accuracy worker; what it lacks it asks for (`missing`). */
export interface AccuracyWorkerRequest {
  kind: 'report'
  id: number
  liveKey: string
  live?: LiveAccuracy
  snapshots: SnapshotRef[]
  writers: Record<string, string>
  names: Record<string, string>
  query: AccuracyQuery
  computedAt: string
}

/** What the accuracy worker answers a request. */
export type AccuracyWorkerAnswer =
  | { kind: 'report'; id: number; report: AccuracyReport }
  | { kind: 'missing'; id: number; live: boolean; snapshots: string[] }
  | { kind: 'failed'; id: number; message: string }

/** Extracted versions the worker keeps (the oldest go first beyond this). */
export const WORKER_SNAPSHOT_CACHE = 64
