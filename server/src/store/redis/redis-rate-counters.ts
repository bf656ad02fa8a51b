import type { RateCount, RateCounters } from '../rate-counters.js'
import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'

/**
 * Counters in Redis, shared by every instance: INCR, PEXPIRE NX (only the first hit opens the
 * window) and PTTL in one MULTI on one key, so it runs in one slot on Redis Cluster.
 */
export class RedisRateCounters implements RateCounters {
  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async hit(key: string, windowMs: number): Promise<RateCount> {
    const redisKey = this.keys.rateCounter(key)
    try {
      const [count, , msLeft] = await this.connection.client
        .multi()
        .incr(redisKey)
        .pExpire(redisKey, windowMs, 'NX')
        .pTTL(redisKey)
        .exec()
      return { count: Number(count), msLeft: Math.max(0, Number(msLeft)) }
    } catch (error) {
      this.connection.report(error, 'rate counter')
      throw error
    }
  }
}
