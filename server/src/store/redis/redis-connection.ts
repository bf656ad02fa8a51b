import type { StoreHealth } from '../stores.js'
import type { StoreLogger } from '../store-logger.js'
import { stderrLogger } from '../store-logger.js'
import type { RedisBinaryClient, RedisClient, ReconnectStrategy } from './redis-clients.js'
import { BINARY_MAPPING, openRedisClient } from './redis-clients.js'
import type { PubSubConnection } from './redis-subscriber.js'
import { RedisSubscriber } from './redis-subscriber.js'
import type { RedisTarget } from './redis-target.js'
import { parseRedisTarget, redact } from './redis-target.js'
import type { ReplicaWait } from './replica-wait.js'
import { DEFAULT_REPLICA_WAIT } from './replica-wait.js'

const PING_TIMEOUT_MS = 2_000
const MAX_RECONNECT_DELAY_MS = 2_000
/** Sharded pub/sub (SPUBLISH, SSUBSCRIBE) arrived in Redis 7. */
const SHARDED_PUBSUB_MAJOR = 7
/** How long a master's count of connected replicas is trusted before ROLE is asked again. */
const REPLICA_COUNT_TTL_MS = 100

/** A connection to one node: the single client, or the cluster's client for a key's master. */
interface NodeConnection {
  sendCommand<T>(args: string[]): Promise<T>
}

type Opened = ReturnType<typeof openRedisClient>

const backoff: ReconnectStrategy = (retries) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS)

/**
 * The connection the three Redis aggregates share: one server through node-redis's client, or
 * a Redis Cluster through its cluster client; the stores see the same {@link RedisClient}
 * either way. Every error the client or an aggregate reports is logged and kept as the last
 * error, which `/health` shows.
 */
export class RedisConnection {
  /** The commands and scripts, routed by key on a cluster. */
  readonly client: RedisClient
  /** The same client, answering bulk strings as Buffers (snapshots, updates). */
  readonly binary: RedisBinaryClient
  private lastError: StoreHealth['lastError']
  private sharded = false
  /** Connected replicas per node connection, as ROLE last said, and when. */
  private readonly replicaCounts = new WeakMap<NodeConnection, { count: number; at: number }>()

  private constructor(
    private readonly opened: Opened,
    readonly target: RedisTarget,
    private logger: StoreLogger,
    private readonly wait: ReplicaWait,
  ) {
    this.client = opened.client
    this.binary = opened.client.withTypeMapping(BINARY_MAPPING)
  }

  get kind(): 'single' | 'cluster' {
    return this.opened.kind
  }

  /** Whether channels are sharded (Redis 7 and later) or classic. */
  get shardedPubSub(): boolean {
    return this.sharded
  }

  /**
   * Connects to `target` (or a `REDIS_URL` value) and resolves once the connection is ready
   * (on a cluster: the topology is known and every master connected). A server that is not
   * there fails at once; later losses are retried with backoff.
   */
  static async open(
    target: RedisTarget | string,
    logger: StoreLogger = stderrLogger,
    wait: ReplicaWait = DEFAULT_REPLICA_WAIT,
  ): Promise<RedisConnection> {
    const resolved = typeof target === 'string' ? parseRedisTarget(target) : target
    let connected = false
    const opened = openRedisClient(resolved, (retries, cause) =>
      connected ? backoff(retries, cause) : cause,
    )
    const connection = new RedisConnection(opened, resolved, logger, wait)
    const report = (error: Error) => {
      if (connected) connection.report(error, 'connection')
    }
    opened.client.on('error', report)
    if (opened.kind === 'cluster') opened.client.on('node-error', report)
    try {
      await opened.client.connect()
    } catch (error) {
      opened.client.destroy()
      const where = resolved.urls.map(redact).join(',')
      throw new Error(`Redis at ${where}: ${error instanceof Error ? error.message : error}`, {
        cause: error,
      })
    }
    connected = true
    // A server that hides INFO gets classic channels, which every version has.
    connection.sharded = (await serverMajor(opened).catch(() => 0)) >= SHARDED_PUBSUB_MAJOR
    return connection
  }

  useLogger(logger: StoreLogger): void {
    this.logger = logger
  }

  /** Logs a failure of `context` (connection, feed, …) and keeps it for /health. */
  report(error: unknown, context: string): void {
    const message = error instanceof Error ? error.message : String(error)
    this.lastError = { message: `${context}: ${message}`, at: new Date().toISOString() }
    this.logger.error({ err: error, context }, 'redis store error')
  }

  /**
   * Resolves once the writes sent so far on `key`'s connection (an append's script) are held by
   * the replicas {@link ReplicaWait} asks for, so that a failover to one of them keeps them; a
   * master with no replica connected is not waited on. Rejects, naming how many acknowledged,
   * when fewer do within the timeout: the append is then not acknowledged, and its clients
   * resend it. Must follow the write on the same connection, which `WAIT` measures.
   */
  async replicated(key: string): Promise<void> {
    if (this.wait.replicas <= 0) return
    const node = await this.nodeFor(key)
    const wanted = Math.min(this.wait.replicas, await this.connectedReplicas(node))
    if (wanted === 0) return
    const acknowledged = Number(
      await node.sendCommand<number>(['WAIT', String(wanted), String(this.wait.timeoutMs)]),
    )
    if (acknowledged >= wanted) return
    this.replicaCounts.delete(node)
    throw new Error(
      `Redis replication: ${acknowledged} of ${wanted} replica(s) acknowledged the write within ${this.wait.timeoutMs} ms`,
    )
  }

  /**
   * Whether a write on `key` would be waited on (its master has a replica connected, as ROLE
   * last said, and waiting is on): an append that will not wait may tell the other instances
   * of its entries in the same script, since they are as durable then as they will ever be.
   */
  async waitsFor(key: string): Promise<boolean> {
    if (this.wait.replicas <= 0) return false
    return (await this.connectedReplicas(await this.nodeFor(key))) > 0
  }

  private async nodeFor(key: string): Promise<NodeConnection> {
    const opened = this.opened
    const node =
      opened.kind === 'single' ? opened.client : await opened.client.getNodeClientForKey(key)
    return node as unknown as NodeConnection
  }

  /** How many replicas the node's master has connected now (ROLE, cached briefly). */
  private async connectedReplicas(node: NodeConnection): Promise<number> {
    const cached = this.replicaCounts.get(node)
    const now = Date.now()
    if (cached && now - cached.at < REPLICA_COUNT_TTL_MS) return cached.count
    const role = await node.sendCommand<unknown[]>(['ROLE'])
    const count = role[0] === 'master' && Array.isArray(role[2]) ? role[2].length : 0
    this.replicaCounts.set(node, { count, at: now })
    return count
  }

  /** Publishes on a channel: sharded (to the channel's shard) when the server has it. */
  publish(channel: string, message: string | Buffer): Promise<number> {
    return this.shardedPubSub
      ? this.client.sPublish(channel, message)
      : this.client.publish(channel, message)
  }

  /** A new connection for subscriptions (it reconnects and resubscribes by itself). */
  async openSubscriber(): Promise<RedisSubscriber> {
    const report = (error: Error) => this.report(error, 'feed subscriber')
    const subscriber: PubSubConnection =
      this.opened.kind === 'cluster'
        ? { kind: 'cluster', client: this.opened.client.duplicate({ minimizeConnections: true }) }
        : { kind: 'single', client: this.opened.client.duplicate() }
    subscriber.client.on('error', report)
    if (subscriber.kind === 'cluster') {
      subscriber.client.on('node-error', report)
      subscriber.client.on('sharded-channel-moved-error', report)
    }
    await subscriber.client.connect()
    return new RedisSubscriber(subscriber, this.shardedPubSub)
  }

  async health(): Promise<StoreHealth> {
    const lastError = this.lastError
    if (!this.opened.client.isReady) return { reachable: false, lastError: lastError ?? notReady() }
    try {
      const pongs = await this.ping()
      const reachable = pongs.every((pong) => pong === 'PONG')
      return lastError ? { reachable, lastError } : { reachable }
    } catch (error) {
      this.report(error, 'ping')
      return { reachable: false, lastError: this.lastError }
    }
  }

  /** PING to the server, or to every master of a cluster (each holds part of the plans). */
  private async ping(): Promise<string[]> {
    const opened = this.opened
    if (opened.kind === 'single')
      return [await opened.client.withCommandOptions({ timeout: PING_TIMEOUT_MS }).ping()]
    return Promise.all(
      opened.client.masters.map(async (master) => {
        const node = await opened.client.nodeClient(master)
        return node.withCommandOptions({ timeout: PING_TIMEOUT_MS }).ping()
      }),
    )
  }

  async close(): Promise<void> {
    const client = this.opened.client
    if (client.isReady) await client.close()
    else if (client.isOpen) client.destroy()
  }
}

async function serverMajor(opened: Opened): Promise<number> {
  const info =
    opened.kind === 'single'
      ? await opened.client.info('server')
      : await (await opened.client.nodeClient(opened.client.masters[0])).info('server')
  return Number(/redis_version:(\d+)/.exec(info)?.[1] ?? 0)
}

function notReady(): StoreHealth['lastError'] {
  return { message: 'connection: not connected', at: new Date().toISOString() }
}
