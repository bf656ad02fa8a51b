/** Where the Redis store connects: one server, or the seed nodes of a Redis Cluster. */
export interface RedisTarget {
  /** `redis://` or `rediss://` URLs; for a cluster, the nodes the topology is discovered from. */
  urls: string[]
  cluster: boolean
}

/**
 * Reads `REDIS_URL`: one URL (`redis://[user:password@]host:port[/db]`) for one server, or
 * several separated by commas (`redis://a:6379,redis://b:6379`) for the seed nodes of a Redis
 * Cluster. `cluster` (`REDIS_CLUSTER=1`) selects the cluster client for a single URL too.
 * Every URL must be `redis://` or `rediss://`; a cluster has no database number.
 */
export function parseRedisTarget(value: string, cluster = false): RedisTarget {
  const urls = value
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  if (urls.length === 0) throw new Error('REDIS_URL lists no Redis URL')
  const isCluster = cluster || urls.length > 1
  for (const url of urls) {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new Error(`REDIS_URL: "${redact(url)}" is not a URL (expected redis://host:port)`)
    }
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
      throw new Error(`REDIS_URL: "${redact(url)}" must start with redis:// or rediss://`)
    if (isCluster && parsed.pathname.length > 1 && parsed.pathname !== '/0')
      throw new Error(`REDIS_URL: "${redact(url)}" names a database; Redis Cluster has only 0`)
  }
  return { urls, cluster: isCluster }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
}
