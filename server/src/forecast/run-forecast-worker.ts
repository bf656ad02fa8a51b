import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ForecastResult } from '@tandem/shared'
import type { ForecastWorkerJob, ForecastWorkerMessage } from './forecast-job.js'

const fromSource = () => import.meta.url.endsWith('.ts')
/** The ESM entry of tsx's API, beside the CommonJS one that `require.resolve` finds. */
const tsxApi = () => {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api')
  return pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href
}

/**
 * Runs a forecast job in its own worker thread, so the event loop (every other plan's sync)
 * never waits for it. From TypeScript sources (tests, `pnpm dev`) the worker loads through tsx
 * with the source condition; from the build it is plain JavaScript.
 */
export function runForecastWorker(
  job: ForecastWorkerJob,
  onResults: (from: number, results: ForecastResult[]) => void,
): Promise<void> {
  const worker = fromSource()
    ? new Worker(
        // A worker does not inherit the parent's tsx loader: register it first, then load.
        `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register();` +
          `return import(${JSON.stringify(new URL('./forecast-worker.ts', import.meta.url).href)}) })`,
        { eval: true, workerData: job, execArgv: ['--conditions=tandem-source'] },
      )
    : new Worker(new URL('./forecast-worker.js', import.meta.url), { workerData: job })
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (action: () => void) => {
      if (settled) return
      settled = true
      action()
      void worker.terminate()
    }
    worker.on('message', (message: ForecastWorkerMessage) => {
      if (message.kind === 'results') onResults(message.from, message.results)
      else if (message.kind === 'done') settle(() => resolve())
      else settle(() => reject(new Error(message.message)))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the forecast worker stopped (exit code ${code})`))),
    )
  })
}
