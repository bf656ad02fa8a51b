import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { AccuracyWorkerAnswer, AccuracyWorkerRequest } from './accuracy-job.js'

const fromSource = () => import.meta.url.endsWith('.ts')
const tsxApi = () => {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api')
  return pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href
}

/**
 * The one long-lived worker thread that computes accuracy reports, so the event loop never
 * waits for them. Started on first use, it keeps extracted versions between requests; it does
 * not hold the process open. From TypeScript sources it loads through tsx, as the forecast
 * worker does.
 */
export class AccuracyThread {
  private worker: Worker | undefined
  private nextId = 1
  private readonly waiting = new Map<
    number,
    { resolve: (answer: AccuracyWorkerAnswer) => void; reject: (error: Error) => void }
  >()

  /** Sends a request (its id is set here) and resolves with the worker's answer. */
  ask(request: Omit<AccuracyWorkerRequest, 'id'>): Promise<AccuracyWorkerAnswer> {
    const worker = this.start()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      const transfer: ArrayBuffer[] = []
      // Store buffers may be slices of a shared pool: each snapshot goes as a copy of its own.
      const snapshots = request.snapshots.map((ref) => {
        if (!ref.snapshot) return ref
        const copy = new Uint8Array(ref.snapshot)
        transfer.push(copy.buffer)
        return { ...ref, snapshot: copy }
      })
      if (request.live)
        transfer.push(
          request.live.actualDemand.buffer as ArrayBuffer,
          request.live.actualProduction.buffer as ArrayBuffer,
        )
      worker.postMessage({ ...request, snapshots, id }, transfer)
    })
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = fromSource()
      ? new Worker(
          `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register();` +
            `return import(${JSON.stringify(new URL('./accuracy-worker.ts', import.meta.url).href)}) })`,
          { eval: true, execArgv: ['--conditions=tandem-source'] },
        )
      : new Worker(new URL('./accuracy-worker.js', import.meta.url))
    worker.unref()
    worker.on('message', (answer: AccuracyWorkerAnswer) => {
      const waiter = this.waiting.get(answer.id)
      this.waiting.delete(answer.id)
      waiter?.resolve(answer)
    })
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined
      for (const waiter of this.waiting.values()) waiter.reject(error)
      this.waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`the accuracy worker stopped (exit code ${code})`)))
    this.worker = worker
    return worker
  }
}
