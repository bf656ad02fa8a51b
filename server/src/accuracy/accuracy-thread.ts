import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type {
  AccuracyWorkerAnswer,
  AccuracyWorkerRequest,
  AccuracyWorkerVersion,
} from './accuracy-job.js'

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
      const snapshots = request.snapshots.map((ref) =>
        ref.snapshot ? { ...ref, snapshot: owned(ref.snapshot, transfer) } : ref,
      )
      if (request.live)
        transfer.push(
          request.live.actualDemand.buffer as ArrayBuffer,
          request.live.actualProduction.buffer as ArrayBuffer,
        )
      const stored = request.stored && {
        ...request.stored,
        snapshot: owned(request.stored.snapshot, transfer),
        updates: request.stored.updates.map((update) => owned(update, transfer)),
      }
      worker.postMessage({ ...request, snapshots, stored, id }, transfer)
    })
  }

  /** Gives the worker one version to extract and keep (it answers nothing). */
  give(version: AccuracyWorkerVersion): void {
    const transfer: ArrayBuffer[] = []
    this.start().postMessage({ ...version, snapshot: owned(version.snapshot, transfer) }, transfer)
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

/**
 * Bytes to transfer: moved when they own their whole buffer (the caller's copy is detached),
 * copied when they are a slice of a larger one (a store's pool).
 */
function owned(bytes: Uint8Array, transfer: ArrayBuffer[]): Uint8Array {
  const whole =
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength
  const moved = whole ? bytes : new Uint8Array(bytes)
  transfer.push(moved.buffer as ArrayBuffer)
  return moved
}
