/** A counter's state after a hit: hits in the current window and the milliseconds it has left. */
export interface RateCount {
  count: number
  msLeft: number
}

/**
 * Fixed-window hit counters by key (a route and a client address), for rate limits. With Redis
 * every instance counts in the same keys, so one client has one budget however many instances
 * serve it.
 */
export interface RateCounters {
  /** Counts one hit on `key`. A key's first hit opens a window of `windowMs`. */
  hit(key: string, windowMs: number): Promise<RateCount>
}
