import { join } from 'node:path'
import type { Config } from './config.js'
import { connectRedisStores } from './store/redis/connect-redis-stores.js'
import { openSqliteStores } from './store/sqlite/open-sqlite-stores.js'
import type { Stores } from './store/stores.js'

/**
 * The configured stores: Redis when REDIS_URL is set (a Redis Cluster when it lists several
 * nodes or REDIS_CLUSTER=1), else the SQLite file under DATA_DIR.
 */
export async function openStore(
  config: Pick<Config, 'redisUrl' | 'redisCluster' | 'redisWait' | 'dataDir'>,
): Promise<Stores> {
  if (config.redisUrl)
    return connectRedisStores(config.redisUrl, {
      cluster: config.redisCluster,
      wait: config.redisWait,
    })
  return openSqliteStores(join(config.dataDir, 'tandem.db'))
}
