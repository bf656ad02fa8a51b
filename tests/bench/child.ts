import type { ChildProcess } from 'node:child_process'
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** A forked TypeScript child that answers each command with one tagged message. */
export class Child<Command extends { type: string }, Report extends { type: string }> {
  private readonly process: ChildProcess
  private readonly inbox: Report[] = []
  private waiting: ((report: Report) => void) | undefined
  readonly exited: Promise<number | null>

  /** `source` resolves workspace packages to their TypeScript; peers run their published build. */
  constructor(file: string, args: string[] = [], extraExecArgv: string[] = [], source = true) {
    const conditions = source ? ['--conditions=tandem-source'] : []
    this.process = fork(fileURLToPath(new URL(file, import.meta.url)), args, {
      execArgv: [...conditions, '--import', 'tsx', '--expose-gc', ...extraExecArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.process.on('message', (report: Report) => {
      const waiting = this.waiting
      this.waiting = undefined
      if (waiting) waiting(report)
      else this.inbox.push(report)
    })
    this.exited = new Promise((resolve) => this.process.once('exit', resolve))
  }

  get pid(): number | undefined {
    return this.process.pid
  }

  /** The next report of the given type; a child that exits or fails first rejects. */
  next<T extends Report['type']>(
    type: T,
    timeoutMs = 120_000,
  ): Promise<Extract<Report, { type: T }>> {
    const queued = this.inbox.shift()
    const take = (report: Report): Extract<Report, { type: T }> => {
      if (report.type !== type)
        throw new Error(`expected ${type} but got ${JSON.stringify(report).slice(0, 300)}`)
      return report as Extract<Report, { type: T }>
    }
    if (queued) return Promise.resolve().then(() => take(queued))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs)
      void this.exited.then((code) => {
        // Cleared, or the pending timer would keep the bench alive for the whole timeout.
        clearTimeout(timer)
        reject(new Error(`child exited (${code}) before ${type}`))
      })
      this.waiting = (report) => {
        clearTimeout(timer)
        try {
          resolve(take(report))
        } catch (error) {
          reject(error)
        }
      }
    })
  }

  async ask<T extends Report['type']>(
    command: Command,
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<Report, { type: T }>> {
    const answer = this.next(type, timeoutMs)
    this.process.send(command)
    return answer
  }

  send(command: Command): void {
    this.process.send(command)
  }

  /** Stops the child: asks it first, then kills it if it lingers. */
  async stop(command?: Command): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return
    if (command && this.process.connected) this.process.send(command)
    else this.process.kill('SIGTERM')
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000)
    await this.exited
    clearTimeout(timer)
  }
}
