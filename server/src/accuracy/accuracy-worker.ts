import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
import type { AccuracySnapshot, SnapshotPlacement } from '@tandem/shared'
import { accuracyReport, extractAccuracySnapshot, PlanDoc } from '@tandem/shared'
import type {
  AccuracyWorkerAnswer,
  AccuracyWorkerRequest,
  AccuracyWorkerVersion,
  LiveAccuracy,
  StoredLive,
} from './accuracy-job.js'
import { readLiveAccuracy } from './live-accuracy.js'
import { WORKER_SNAPSHOT_CACHE } from './accuracy-job.js'

/**
 * The accuracy worker thread: keeps the versions it extracted (immutable, so by version) and
 * the last live plans it was sent, and computes reports. What it lacks it asks the main thread
 * for, which then sends the bytes once.
 */
const snapshots = new Map<string, AccuracySnapshot>()
const lives = new Map<string, LiveAccuracy>()

function keep<T>(cache: Map<string, T>, key: string, value: T, limit: number): void {
  cache.delete(key)
  cache.set(key, value)
  while (cache.size > limit) cache.delete(cache.keys().next().value as string)
}

async function readStored(stored: StoredLive): Promise<LiveAccuracy> {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    return await readLiveAccuracy(stored.planId, new PlanDoc(doc))
  } finally {
    doc.destroy()
  }
}

function extract(key: string, placement: SnapshotPlacement, bytes: Uint8Array): void {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, bytes)
    keep(
      snapshots,
      key,
      extractAccuracySnapshot(new PlanDoc(doc), placement),
      WORKER_SNAPSHOT_CACHE,
    )
  } finally {
    doc.destroy()
  }
}

/** Why versions sent ahead failed to extract, for the request that needs them. */
const failures = new Map<string, string>()

function give(version: AccuracyWorkerVersion): void {
  try {
    extract(version.key, version.placement, version.snapshot)
    failures.delete(version.key)
  } catch (error) {
    keep(failures, version.key, error instanceof Error ? error.message : String(error), 16)
  }
}

async function answer(request: AccuracyWorkerRequest): Promise<AccuracyWorkerAnswer> {
  if (request.live) keep(lives, request.liveKey, request.live, 4)
  else if (request.stored) keep(lives, request.liveKey, await readStored(request.stored), 4)
  for (const ref of request.snapshots)
    if (ref.snapshot) extract(ref.key, ref.placement, ref.snapshot)
  const live = lives.get(request.liveKey)
  const missing = request.snapshots.filter((ref) => !snapshots.has(ref.key)).map((ref) => ref.key)
  const failed = missing.find((key) => failures.has(key))
  if (failed) return { kind: 'failed', id: request.id, message: failures.get(failed)! }
  if (!live || missing.length > 0)
    return { kind: 'missing', id: request.id, live: !live, snapshots: missing }
  const report = accuracyReport(
    {
      ...live,
      snapshots: request.snapshots.map((ref) => snapshots.get(ref.key)!),
      writers: request.writers,
      names: request.names,
    },
    request.query,
    request.computedAt,
  )
  return { kind: 'report', id: request.id, json: JSON.stringify(report) }
}

// One request at a time, in order: a request must see what the one before it cached.
let queue: Promise<void> = Promise.resolve()
parentPort?.on('message', (message: AccuracyWorkerRequest | AccuracyWorkerVersion) => {
  queue = queue.then(() => (message.kind === 'version' ? give(message) : reply(message)))
})

async function reply(request: AccuracyWorkerRequest): Promise<void> {
  let reply: AccuracyWorkerAnswer
  try {
    reply = await answer(request)
  } catch (error) {
    reply = {
      kind: 'failed',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    }
  }
  parentPort?.postMessage(reply)
}
