import { parentPort, workerData } from 'node:worker_threads'
import type { ForecastResult } from '@tandem/shared'
import { forecastSeries } from '@tandem/shared'
import type { ForecastWorkerJob, ForecastWorkerMessage } from './forecast-job.js'
import { FORECAST_RESULT_CHUNK } from './forecast-job.js'
import { historyCount, unpackHistory } from './packed-histories.js'

/** The worker thread's body: forecasts every history of the job, sending results in chunks. */
function run(job: ForecastWorkerJob): void {
  const post = (message: ForecastWorkerMessage) => parentPort?.postMessage(message)
  try {
    const count = historyCount(job.histories)
    // Small jobs still report progress about 20 times; large ones every 100 SKUs.
    const size = Math.max(1, Math.min(FORECAST_RESULT_CHUNK, Math.ceil(count / 20)))
    let chunk: ForecastResult[] = []
    let from = 0
    for (let i = 0; i < count; i++) {
      const history = unpackHistory(job.histories, i)
      chunk.push(forecastSeries(history, { seasonLength: job.seasonLength, horizon: job.horizon }))
      if (chunk.length === size || i === count - 1) {
        post({ kind: 'results', from, results: chunk })
        from = i + 1
        chunk = []
      }
    }
    post({ kind: 'done' })
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

run(workerData as ForecastWorkerJob)
