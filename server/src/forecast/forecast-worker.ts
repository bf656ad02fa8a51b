import { parentPort, workerData } from 'node:worker_threads'
import { forecastSeries } from '@tandem/shared'
import type { ForecastJob, ForecastWorkerMessage } from './forecast-job.js'

/** The worker thread's body: forecasts every history of the job, reporting progress. */
function run(job: ForecastJob): void {
  const post = (message: ForecastWorkerMessage) => parentPort?.postMessage(message)
  try {
    const total = job.histories.length
    const every = Math.max(1, Math.floor(total / 50))
    const results = job.histories.map((history, i) => {
      const result = forecastSeries(history, {
        seasonLength: job.seasonLength,
        horizon: job.horizon,
      })
      if ((i + 1) % every === 0 && i + 1 < total) post({ kind: 'progress', done: i + 1 })
      return result
    })
    post({ kind: 'done', results })
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

run(workerData as ForecastJob)
