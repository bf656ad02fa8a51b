import { join } from 'node:path'
import type { Config } from './config.js'
import type { PlanStore } from './store/plan-store.js'
import { RedisStore } from './store/redis-store.js'
import { SqliteStore } from './store/sqlite-store.js'

/** The configured store: Redis when REDIS_URL is set, else the SQLite file under DATA_DIR. */
export async function openStore(config: Pick<Config, 'redisUrl' | 'dataDir'>): Promise<PlanStore> {
  if (config.redisUrl) return RedisStore.connect(config.redisUrl)
  return new SqliteStore(join(config.dataDir, 'tandem.db'))
}
