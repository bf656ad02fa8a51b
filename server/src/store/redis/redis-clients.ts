import type { RedisClientType } from 'redis'
import { createClient, createCluster, RESP_TYPES } from 'redis'
import { redisScripts } from './redis-scripts.js'
import type { RedisTarget } from './redis-target.js'

/** Decides, per attempt, whether a lost connection is retried (a delay in ms) or given up. */
export type ReconnectStrategy = (retries: number, cause: Error) => number | Error

export function openSingleClient(url: string, reconnectStrategy: ReconnectStrategy) {
  return createClient({ url, scripts: redisScripts, socket: { reconnectStrategy } })
}

/**
 * The cluster client. The seed URLs only find the topology; credentials and TLS must be given
 * again for the nodes it discovers, so they are taken from the first URL.
 */
export function openClusterClient(urls: string[], reconnectStrategy: ReconnectStrategy) {
  const first = new URL(urls[0])
  return createCluster({
    rootNodes: urls.map((url) => ({ url })),
    defaults: {
      ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
      socket:
        first.protocol === 'rediss:' ? { tls: true, reconnectStrategy } : { reconnectStrategy },
    },
    scripts: redisScripts,
  })
}

export type SingleClient = ReturnType<typeof openSingleClient>
export type ClusterClient = ReturnType<typeof openClusterClient>

/** Opens the client `target` asks for, not yet connected. */
export function openRedisClient(
  target: RedisTarget,
  reconnectStrategy: ReconnectStrategy,
): { kind: 'single'; client: SingleClient } | { kind: 'cluster'; client: ClusterClient } {
  return target.cluster
    ? { kind: 'cluster', client: openClusterClient(target.urls, reconnectStrategy) }
    : { kind: 'single', client: openSingleClient(target.urls[0], reconnectStrategy) }
}

export const BINARY_MAPPING = { [RESP_TYPES.BLOB_STRING]: Buffer }

type SingleBinaryClient = RedisClientType<
  Record<never, never>,
  Record<never, never>,
  typeof redisScripts,
  3,
  typeof BINARY_MAPPING
>

/**
 * The commands and scripts the stores send. The single-node client and the cluster client both
 * provide them with the same types (the cluster routes each by its first key), so a store never
 * knows which it has. Add a command here before a store uses it.
 */
export type RedisClient = Pick<
  SingleClient,
  | 'get'
  | 'set'
  | 'del'
  | 'exists'
  | 'type'
  | 'sAdd'
  | 'sMembers'
  | 'sRem'
  | 'hGet'
  | 'hGetAll'
  | 'hKeys'
  | 'hSet'
  | 'hSetNX'
  | 'hDel'
  | 'xRange'
  | 'xRevRange'
  | 'xLen'
  | 'publish'
  | 'sPublish'
  | keyof typeof redisScripts
>

/** The same commands, answering bulk strings as Buffers (snapshots, updates). */
export type RedisBinaryClient = Pick<
  SingleBinaryClient,
  'get' | 'hGet' | 'xRange' | 'dump' | 'restore' | keyof typeof redisScripts
>
