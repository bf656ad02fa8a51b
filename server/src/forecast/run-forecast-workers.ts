import { availableParallelism } from 'node:os'
import type { ForecastResult } from '@tandem/shared'
import type { ForecastJob } from './forecast-job.js'
import { packHistories } from './packed-histories.js'
import { runForecastWorker } from './run-forecast-worker.js'

/** Fewest SKUs worth a worker thread of their own. */
const MIN_SKUS_PER_WORKER = 200

/**
 * Splits a job over up to `availableParallelism()` worker threads (one per 200 SKUs, at least
 * one), each given its share packed into typed arrays (`packHistories`: a cheap copy for the
 * event loop). Results arrive a chunk at a time, with their position in the job; the threads never
 * hold the event loop and share the cores with it through the OS. Resolves when all are done.
 */
export async function runForecastWorkers(
  job: ForecastJob,
  onResults: (from: number, results: ForecastResult[]) => void,
): Promise<void> {
  const total = job.histories.length
  const workers = Math.max(
    1,
    Math.min(availableParallelism(), Math.floor(total / MIN_SKUS_PER_WORKER)),
  )
  const size = Math.ceil(total / workers)
  await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      runForecastWorker(
        {
          seasonLength: job.seasonLength,
          horizon: job.horizon,
          histories: packHistories(job.histories.slice(w * size, (w + 1) * size)),
        },
        (from, results) => onResults(w * size + from, results),
      ),
    ),
  )
}
