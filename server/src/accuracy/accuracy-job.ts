import type { AccuracyInput, AccuracyQuery, SnapshotPlacement } from '@tandem/shared'

/** The live plan's part of an accuracy input: everything but the versions and the authors. */
export type LiveAccuracy = Omit<AccuracyInput, 'snapshots' | 'writers' | 'names'>

/** One version a report uses: its cache key in the worker, where it sits, and its bytes if sent. */
export interface SnapshotRef {
  key: string
  placement: SnapshotPlacement
  snapshot?: Uint8Array
}

/** A plan's stored document (snapshot and the log after it), for the worker to read itself. */
export interface StoredLive {
  planId: string
  snapshot: Uint8Array
  updates: Uint8Array[]
}

/**
 * A report asked of the accuracy worker; what it lacks it asks for (`missing`). The live part
 * comes read from the room (`live`) or as the stored document (`stored`), which the worker
 * decodes itself, so the event loop never decodes a plan that is not open.
 */
export interface AccuracyWorkerRequest {
  kind: 'report'
  id: number
  liveKey: string
  live?: LiveAccuracy
  stored?: StoredLive
  snapshots: SnapshotRef[]
  writers: Record<string, string>
  names: Record<string, string>
  query: AccuracyQuery
  computedAt: string
}

/**
 * A version's document to extract: the worker answers its accuracy extract's bytes
 * (`extracted`) and, given a key and placement, keeps it placed for reports.
 */
export interface AccuracyWorkerVersion {
  kind: 'version'
  id: number
  publishedAt: string
  snapshot: Uint8Array
  key?: string
  placement?: SnapshotPlacement
}

/** A stored accuracy extract to place and keep under `key`: answered `placed` or `failed`. */
export interface AccuracyWorkerExtract {
  kind: 'extract'
  id: number
  key: string
  placement: SnapshotPlacement
  extract: Uint8Array
}

export type AccuracyWorkerMessage =
  AccuracyWorkerRequest | AccuracyWorkerVersion | AccuracyWorkerExtract

/**
 * What the accuracy worker answers. A report comes as JSON, serialised in the worker: `head`
 * is the report without `skus` and `skuOffset`, `skus` each listed SKU's row. The main thread
 * caches them and sends a page of rows with the head, and never walks the ~1 MB object.
 */
export type AccuracyWorkerAnswer =
  | { kind: 'report'; id: number; head: string; skus: string[] }
  | { kind: 'missing'; id: number; live: boolean; snapshots: string[] }
  | { kind: 'extracted'; id: number; extract: Uint8Array }
  | { kind: 'placed'; id: number }
  | { kind: 'failed'; id: number; message: string }

/** Extracted versions the worker keeps (the oldest go first beyond this). */
export const WORKER_SNAPSHOT_CACHE = 64
