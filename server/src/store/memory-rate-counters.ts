import type { RateCount, RateCounters } from './rate-counters.js'

/** Keys kept before expired windows are swept: bounds the memory a flood of addresses takes. */
const SWEEP_AT = 10_000

/**
 * Counters in this process, for the SQLite backend (one instance). Expired windows are swept
 * when the map grows large.
 */
export class MemoryRateCounters implements RateCounters {
  private readonly windows = new Map<string, { count: number; endsAt: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<RateCount> {
    const now = this.now()
    let window = this.windows.get(key)
    if (!window || window.endsAt <= now) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now)
      window = { count: 0, endsAt: now + windowMs }
      this.windows.set(key, window)
    }
    window.count++
    return { count: window.count, msLeft: window.endsAt - now }
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key)
  }
}
