import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ProposalWorkerJob, ProposalWorkerMessage } from './proposal-job.js'

const fromSource = () => import.meta.url.endsWith('.ts')
const tsxApi = () => {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api')
  return pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href
}

/**
 * Runs a supply proposal in its own worker thread, as the forecast does, so the event loop
 * never waits for it: loading, encoding and proposing all happen there.
 */
export function runProposalWorker(
  job: ProposalWorkerJob,
): Promise<Extract<ProposalWorkerMessage, { kind: 'done' }>> {
  const options = { workerData: job }
  const worker = fromSource()
    ? new Worker(
        `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register();` +
          `return import(${JSON.stringify(new URL('./proposal-worker.ts', import.meta.url).href)}) })`,
        { ...options, eval: true, execArgv: ['--conditions=tandem-source'] },
      )
    : new Worker(new URL('./proposal-worker.js', import.meta.url), options)
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (action: () => void) => {
      if (settled) return
      settled = true
      action()
      void worker.terminate()
    }
    worker.on('message', (message: ProposalWorkerMessage) => {
      if (message.kind === 'done') settle(() => resolve(message))
      else settle(() => reject(new Error(message.message)))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the proposal worker stopped (exit code ${code})`))),
    )
  })
}
