/**
 * `capacity` units at once, refilled at `perSecond`. `take` may go into debt, so a caller can
 * wait its turn instead of being refused; `wouldWaitMs` says how long that turn is.
 */
export class TokenBucket {
  private tokens: number
  private refilledAt = Date.now()

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity
  }

  /** Takes `units` if they are there now; otherwise takes nothing. */
  tryTake(units = 1): boolean {
    this.refill()
    if (this.tokens < units) return false
    this.tokens -= units
    return true
  }

  /** Takes `units`, into debt if need be, and returns how long until they would have been there. */
  take(units = 1): number {
    this.refill()
    this.tokens -= units
    return this.tokens >= 0 ? 0 : (-this.tokens / this.perSecond) * 1000
  }

  /** How long the next `units` would wait, without taking them. */
  wouldWaitMs(units = 1): number {
    this.refill()
    const short = units - this.tokens
    return short <= 0 ? 0 : (short / this.perSecond) * 1000
  }

  private refill(): void {
    const now = Date.now()
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond,
    )
    this.refilledAt = now
  }
}
