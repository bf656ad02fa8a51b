import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { AccuracyWorkerAnswer, AccuracyWorkerMessage } from './accuracy-job.js'

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never

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
  /** Messages sent to the current worker. */
  private sent = 0
  private nextId = 1
  private readonly waiting = new Map<
    number,
    { resolve: (answer: AccuracyWorkerAnswer) => void; reject: (error: Error) => void }
  >()

  /** Sends a message (its id is set here) and resolves with the worker's answer. */
  ask(message: WithoutId<AccuracyWorkerMessage>): Promise<AccuracyWorkerAnswer> {
    const worker = this.running()
    this.sent++
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      const transfer: ArrayBuffer[] = []
      worker.postMessage({ ...movable(message, transfer), id }, transfer)
    })
  }

  /** Whether the worker holds nothing: not started (or stopped), or sent nothing since. */
  get empty(): boolean {
    return this.worker === undefined || this.sent === 0
  }

  /** Starts the worker ahead of its first message (it loads meanwhile). */
  start(): void {
    this.running()
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }

  private running(): Worker {
    if (this.worker) return this.worker
    this.sent = 0
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

/** The message with its bytes moved or copied into `transfer`. */
function movable(
  message: WithoutId<AccuracyWorkerMessage>,
  transfer: ArrayBuffer[],
): WithoutId<AccuracyWorkerMessage> {
  switch (message.kind) {
    case 'version':
      return { ...message, snapshot: owned(message.snapshot, transfer) }
    case 'extract':
      return { ...message, extract: owned(message.extract, transfer) }
    case 'report': {
      const snapshots = message.snapshots.map((ref) =>
        ref.snapshot ? { ...ref, snapshot: owned(ref.snapshot, transfer) } : ref,
      )
      if (message.live)
        transfer.push(
          message.live.actualDemand.buffer as ArrayBuffer,
          message.live.actualProduction.buffer as ArrayBuffer,
        )
      const stored = message.stored && {
        ...message.stored,
        snapshot: owned(message.stored.snapshot, transfer),
        updates: message.stored.updates.map((update) => owned(update, transfer)),
      }
      return { ...message, snapshots, stored }
    }
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
