import type { Stores } from '../stores.js'
import type { StoreLogger } from '../store-logger.js'
import { RedisAccounts } from './redis-accounts.js'
import { RedisConnection } from './redis-connection.js'
import { RedisKeys } from './redis-keys.js'
import { RedisPlanLog } from './redis-plan-log.js'
import { RedisPlanRecords } from './redis-plan-records.js'
import { RedisRateCounters } from './redis-rate-counters.js'
import { RedisScenarios } from './redis-scenarios.js'
import { RedisUserFeed } from './redis-user-feed.js'
import { migrateLegacyPlans } from './migrate-legacy-plans.js'
import { parseRedisTarget } from './redis-target.js'
import type { ReplicaWait } from './replica-wait.js'

/** Options of {@link connectRedisStores}. */
export interface RedisStoresOptions {
  /** First part of every key; tests use a unique one each. Defaults to `tandem`. */
  prefix?: string
  /** Receives every Redis error; defaults to JSON lines on stderr until `useLogger`. */
  logger?: StoreLogger
  /** Use the cluster client even for a single URL (`REDIS_CLUSTER=1`). */
  cluster?: boolean
  /** Replicas an append waits for (`REDIS_WAIT_REPLICAS`, `REDIS_WAIT_TIMEOUT_MS`). */
  wait?: ReplicaWait
}

/** The Redis stores, with the concrete log (its feed and page reads) for tests and tools. */
export interface RedisStores extends Stores {
  readonly kind: 'redis'
  readonly log: RedisPlanLog
  readonly connection: RedisConnection
  readonly keys: RedisKeys
}

/**
 * The shared stores, through one node-redis connection (plus one subscriber for the feed) to
 * one server, or through the cluster client when `url` lists several nodes (comma-separated,
 * see {@link parseRedisTarget}) or `cluster` is set. Keys of older layouts are moved on
 * connect. Resolves once Redis answers; rejects when it is not there.
 */
export async function connectRedisStores(
  url: string,
  options: RedisStoresOptions = {},
): Promise<RedisStores> {
  const target = parseRedisTarget(url, options.cluster)
  const connection = await RedisConnection.open(target, options.logger, options.wait)
  const keys = new RedisKeys(options.prefix ?? 'tandem')
  const log = new RedisPlanLog(connection, keys)
  const accounts = new RedisAccounts(connection, keys)
  const userFeed = new RedisUserFeed(connection, keys)
  try {
    await accounts.migrateLegacyKeys()
    await migrateLegacyPlans(connection, keys)
  } catch (error) {
    await connection.close()
    throw error
  }
  return {
    kind: 'redis',
    connection,
    keys,
    log,
    records: new RedisPlanRecords(connection, keys),
    accounts,
    scenarios: new RedisScenarios(connection, keys),
    rateCounters: new RedisRateCounters(connection, keys),
    userFeed,
    useLogger: (logger) => connection.useLogger(logger),
    health: () => connection.health(),
    async close() {
      await Promise.all([log.feed.close(), userFeed.close()])
      await connection.close()
    },
  }
}
