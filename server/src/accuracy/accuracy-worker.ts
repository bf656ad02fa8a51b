import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
import type { AccuracyReport, AccuracySnapshot } from '@tandem/shared'
import {
  accuracyExtractOf,
  accuracyReport,
  decodeAccuracyExtract,
  encodeAccuracyExtract,
  placeAccuracyExtract,
  PlanDoc,
} from '@tandem/shared'
import type {
  AccuracyWorkerAnswer,
  AccuracyWorkerExtract,
  AccuracyWorkerMessage,
  AccuracyWorkerRequest,
  AccuracyWorkerVersion,
  LiveAccuracy,
  StoredLive,
} from './accuracy-job.js'
import { readLiveAccuracy } from './live-accuracy.js'
import { WORKER_SNAPSHOT_CACHE } from './accuracy-job.js'

/**
 * The accuracy worker thread: keeps the versions it placed (immutable, so by version and plan
 * calendar) and the last live plans it was sent, and computes reports. What it lacks it asks
 * the main thread for, which then sends each version's stored extract, or its document to
 * extract (and saves the extract this answers).
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

function extractVersion(version: AccuracyWorkerVersion): AccuracyWorkerAnswer {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, version.snapshot)
    const extract = accuracyExtractOf(new PlanDoc(doc), version.publishedAt)
    if (version.key && version.placement)
      keep(
        snapshots,
        version.key,
        placeAccuracyExtract(extract, version.placement),
        WORKER_SNAPSHOT_CACHE,
      )
    return { kind: 'extracted', id: version.id, extract: encodeAccuracyExtract(extract) }
  } finally {
    doc.destroy()
  }
}

function placeExtract(message: AccuracyWorkerExtract): AccuracyWorkerAnswer {
  const placed = placeAccuracyExtract(decodeAccuracyExtract(message.extract), message.placement)
  keep(snapshots, message.key, placed, WORKER_SNAPSHOT_CACHE)
  return { kind: 'placed', id: message.id }
}

async function answer(request: AccuracyWorkerRequest): Promise<AccuracyWorkerAnswer> {
  if (request.live) keep(lives, request.liveKey, request.live, 4)
  else if (request.stored) keep(lives, request.liveKey, await readStored(request.stored), 4)
  for (const ref of request.snapshots)
    if (ref.snapshot)
      extractVersion({
        kind: 'version',
        id: request.id,
        publishedAt: ref.placement.publishedAt,
        snapshot: ref.snapshot,
        key: ref.key,
        placement: ref.placement,
      })
  const live = lives.get(request.liveKey)
  const missing = request.snapshots.filter((ref) => !snapshots.has(ref.key)).map((ref) => ref.key)
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
  const head: Partial<AccuracyReport> = { ...report }
  delete head.skus
  delete head.skuOffset
  return {
    kind: 'report',
    id: request.id,
    head: JSON.stringify(head),
    skus: report.skus.map((row) => JSON.stringify(row)),
  }
}

// One message at a time, in order: a request must see what the one before it cached.
let queue: Promise<void> = Promise.resolve()
parentPort?.on('message', (message: AccuracyWorkerMessage) => {
  queue = queue.then(() => reply(message))
})

async function reply(message: AccuracyWorkerMessage): Promise<void> {
  let reply: AccuracyWorkerAnswer
  try {
    reply =
      message.kind === 'report'
        ? await answer(message)
        : message.kind === 'version'
          ? extractVersion(message)
          : placeExtract(message)
  } catch (error) {
    reply = {
      kind: 'failed',
      id: message.id,
      message: error instanceof Error ? error.message : String(error),
    }
  }
  const transfer = reply.kind === 'extracted' ? [reply.extract.buffer as ArrayBuffer] : []
  parentPort?.postMessage(reply, transfer)
}
