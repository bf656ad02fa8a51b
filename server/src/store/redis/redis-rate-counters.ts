import type { RateCount, RateCounters } from '../rate-counters.js'
import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'

/**
 * Counters in Redis, shared by every instance: INCR, PEXPIRE (only the hit that opens the
 * window sets it) and PTTL in one script on one key, so it runs in one slot on Redis Cluster.
 */
export class RedisRateCounters implements RateCounters {
  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async hit(key: string, windowMs: number): Promise<RateCount> {
    const redisKey = this.keys.rateCounter(key)
    try {
      const [count, msLeft] = await this.connection.client.rateHitScript(redisKey, windowMs)
      return { count: Number(count), msLeft: Math.max(0, Number(msLeft)) }
    } catch (error) {
      this.connection.report(error, 'rate counter')
      throw error
    }
  }
}
