import { ImportProblem } from './import-issue.js'

/**
 * The time an import may take. Each step checks it between chunks and rows; `race` also ends a
 * wait on a reader that stopped calling back (exceljs can stall on a damaged archive).
 */
export class ImportDeadline {
  private readonly endsAt: number

  constructor(readonly limitMs: number) {
    this.endsAt = performance.now() + limitMs
  }

  get passed(): boolean {
    return performance.now() >= this.endsAt
  }

  /** Throws `importTimedOut` once the time is up. */
  check(): void {
    if (this.passed) throw this.problem()
  }

  /** `work`, or `importTimedOut` when the time runs out first (then `onTimeout` runs). */
  async race<T>(work: Promise<T>, onTimeout: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => {
          onTimeout()
          reject(this.problem())
        },
        Math.max(0, this.endsAt - performance.now()),
      )
    })
    try {
      return await Promise.race([work, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  private problem(): ImportProblem {
    return ImportProblem.single('importTimedOut', {}, { seconds: this.limitMs / 1000 })
  }
}
