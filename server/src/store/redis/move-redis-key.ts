import type { RedisConnection } from './redis-connection.js'

/**
 * Moves a key to a new name with DUMP and RESTORE, which work across Redis Cluster slots (RENAME
 * does not), then deletes the old one. A key already at the new name wins: it was moved by an
 * earlier or a concurrent start, and may have been written since. Resolves to whether `from`
 * existed.
 */
export async function moveRedisKey(
  connection: RedisConnection,
  from: string,
  to: string,
): Promise<boolean> {
  const dumped = await connection.binary.dump(from)
  if (dumped === null) return false
  if ((await connection.client.exists(to)) === 0) {
    try {
      await connection.binary.restore(to, 0, dumped)
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYKEY'))) throw error
    }
  }
  await connection.client.del(from)
  return true
}
