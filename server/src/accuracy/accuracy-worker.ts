import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
import type { AccuracySnapshot } from '@tandem/shared'
import { accuracyReport, extractAccuracySnapshot, PlanDoc } from '@tandem/shared'
import type { AccuracyWorkerAnswer, AccuracyWorkerRequest, LiveAccuracy } from './accuracy-job.js'
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

function answer(request: AccuracyWorkerRequest): AccuracyWorkerAnswer {
  if (request.live) keep(lives, request.liveKey, request.live, 4)
  for (const ref of request.snapshots) {
    if (!ref.snapshot) continue
    const doc = new Y.Doc()
    Y.applyUpdate(doc, ref.snapshot)
    keep(
      snapshots,
      ref.key,
      extractAccuracySnapshot(new PlanDoc(doc), ref.placement),
      WORKER_SNAPSHOT_CACHE,
    )
    doc.destroy()
  }
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
  return { kind: 'report', id: request.id, report }
}

parentPort?.on('message', (request: AccuracyWorkerRequest) => {
  let reply: AccuracyWorkerAnswer
  try {
    reply = answer(request)
  } catch (error) {
    reply = {
      kind: 'failed',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    }
  }
  parentPort?.postMessage(reply)
})
