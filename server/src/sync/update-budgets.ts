import { TokenBucket } from '../rooms/token-bucket.js'

/**
 * What one user's updates may cost on one instance, across all their sockets: bytes received
 * and cells written, each a token bucket (`…Burst` at once, refilled at `…PerSecond`). An
 * update is handled once the user's budget is out of debt and then charged what it cost, so a
 * single large paste goes through and only what follows it waits. A socket whose updates wait
 * with more than `backlogBytes` behind them is closed with 4431. Every update costs at least
 * one cell, so the cell rate also bounds how many updates a user may send.
 */
export interface UpdateBudget {
  bytesPerSecond: number
  bytesBurst: number
  cellsPerSecond: number
  cellsBurst: number
  backlogBytes: number
}

/**
 * The budget when none is configured. A single-cell edit is 26 to 40 bytes on the wire and a
 * 10,000-cell paste about 100 KB (docs/protocol.md), so: 5,000 cells a second sustain five
 * times the 1,000 edits/s of an ERP sync or a script, and a burst of 20,000 cells takes a
 * 10,000-cell paste and its undo at once. 1 MiB a second and 8 MiB at once are far above what
 * those cells weigh, so bytes bind only on updates that are mostly not cells (comments, master
 * data, deletes). 4 MiB of waiting updates is some 100,000 single-cell edits, or 20 s of the
 * cell budget: a sender that far ahead is flooding, not syncing.
 */
export const DEFAULT_UPDATE_BUDGET: Readonly<UpdateBudget> = {
  bytesPerSecond: 1024 * 1024,
  bytesBurst: 8 * 1024 * 1024,
  cellsPerSecond: 5_000,
  cellsBurst: 20_000,
  backlogBytes: 4 * 1024 * 1024,
}

/** One user's budget, as one of their sockets holds it. */
export interface UserUpdateBudget {
  /** How long until an update of `bytes` may be handled: 0 when the budget is out of debt. */
  waitMs(bytes: number): number
  /** Charges what a handled update cost, into debt if need be. */
  charge(bytes: number, cells: number): void
  /** The socket closed: the budget is kept until it has refilled, so reconnecting resets nothing. */
  release(): void
}

interface Entry {
  bytes: TokenBucket
  cells: TokenBucket
  sockets: number
}

/** Every user's update budget on this instance. A rate of 0 turns that bucket off. */
export class UpdateBudgets {
  private readonly users = new Map<string, Entry>()

  constructor(readonly budget: UpdateBudget) {}

  acquire(userId: string): UserUpdateBudget {
    this.prune()
    let entry = this.users.get(userId)
    if (!entry) {
      const { bytesBurst, bytesPerSecond, cellsBurst, cellsPerSecond } = this.budget
      entry = {
        bytes: new TokenBucket(bytesBurst, bytesPerSecond),
        cells: new TokenBucket(cellsBurst, cellsPerSecond),
        sockets: 0,
      }
      this.users.set(userId, entry)
    }
    const held = entry
    held.sockets += 1
    let released = false
    const bytesOn = this.budget.bytesPerSecond > 0
    const cellsOn = this.budget.cellsPerSecond > 0
    return {
      waitMs: (bytes) =>
        Math.max(
          bytesOn ? held.bytes.wouldWaitMs(Math.min(bytes, this.budget.bytesBurst)) : 0,
          cellsOn ? held.cells.wouldWaitMs(0) : 0,
        ),
      charge: (bytes, cells) => {
        if (bytesOn) held.bytes.take(bytes)
        // At least one cell: an update writing none (an empty one, a comment) still costs a
        // check and an append, so a flood of them is held to the cell rate too.
        if (cellsOn) held.cells.take(Math.max(1, cells))
      },
      release: () => {
        if (released) return
        released = true
        held.sockets -= 1
      },
    }
  }

  /** Users with a budget kept, for tests and metrics. */
  get size(): number {
    return this.users.size
  }

  /** Forgets users with no socket whose budget is full again. */
  private prune(): void {
    const { bytesBurst, cellsBurst } = this.budget
    for (const [userId, entry] of this.users) {
      if (entry.sockets > 0) continue
      if (entry.bytes.wouldWaitMs(bytesBurst) === 0 && entry.cells.wouldWaitMs(cellsBurst) === 0)
        this.users.delete(userId)
    }
  }
}
