import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'
import { moveRedisKey } from './move-redis-key.js'

/**
 * Moves plans written before plan keys carried the `plan:` tag and the plan index its own tag
 * (`tandem:{<id>}:…` and `tandem:plans`) to the current keys, once, on connect. The old index
 * goes last, so an interrupted move is finished by the next start. Resolves to the number of
 * plans the old index listed.
 */
export async function migrateLegacyPlans(
  connection: RedisConnection,
  keys: RedisKeys,
): Promise<number> {
  const { client } = connection
  const ids = await client.sMembers(keys.legacyPlanIndex)
  for (const id of ids) {
    const [oldVersions] = keys.legacyPlan(id, []).filter(({ to }) => to === keys.plan(id).versions)
    const versionIds = new Set([
      ...(await client.hKeys(oldVersions.from)),
      ...(await client.hKeys(oldVersions.to)),
    ])
    for (const { from, to } of keys.legacyPlan(id, [...versionIds]))
      await moveRedisKey(connection, from, to)
    if ((await client.exists(keys.plan(id).meta)) === 1) await client.sAdd(keys.planIndex, id)
  }
  if (ids.length > 0) await client.del(keys.legacyPlanIndex)
  return ids.length
}
