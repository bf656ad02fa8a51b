import type { RedisClientType } from 'redis'
import { createClient, RESP_TYPES } from 'redis'
import type { StoreHealth } from '../stores.js'
import type { StoreLogger } from '../store-logger.js'
import { stderrLogger } from '../store-logger.js'
import { redisScripts } from './redis-scripts.js'

const PING_TIMEOUT_MS = 2_000
const MAX_RECONNECT_DELAY_MS = 2_000

function openClient(
  url: string,
  reconnectStrategy: (retries: number, cause: Error) => number | Error,
) {
  return createClient({ url, scripts: redisScripts, socket: { reconnectStrategy } })
}

/** A node-redis client with Tandem's scripts. */
export type RedisClient = ReturnType<typeof openClient>

const BINARY_MAPPING = { [RESP_TYPES.BLOB_STRING]: Buffer }

/** The same client, answering bulk strings as Buffers. */
export type RedisBinaryClient = RedisClientType<
  Record<never, never>,
  Record<never, never>,
  typeof redisScripts,
  3,
  typeof BINARY_MAPPING
>

/** A reconnecting subscriber for the plan feed. */
export function openSubscriber(url: string) {
  return createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) },
  })
}

/**
 * The connection the three Redis aggregates share. Every error the client or an aggregate
 * reports is logged and kept as the last error, which `/health` shows.
 */
export class RedisConnection {
  /** The same client, answering bulk strings as Buffers (snapshots, updates). */
  readonly binary: RedisBinaryClient
  private lastError: StoreHealth['lastError']

  private constructor(
    readonly client: RedisClient,
    readonly url: string,
    private logger: StoreLogger,
  ) {
    this.binary = client.withTypeMapping(BINARY_MAPPING)
  }

  /** Connects to `url` (`redis://…`) and resolves once the connection is ready. */
  static async open(url: string, logger: StoreLogger = stderrLogger): Promise<RedisConnection> {
    let connected = false
    const client = openClient(url, (retries, cause) =>
      connected ? Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause,
    )
    const connection = new RedisConnection(client, url, logger)
    client.on('error', (error: Error) => {
      if (connected) connection.report(error, 'connection')
    })
    await client.connect()
    connected = true
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

  async health(): Promise<StoreHealth> {
    const lastError = this.lastError
    if (!this.client.isReady) return { reachable: false, lastError: lastError ?? notReady() }
    try {
      const pong = await this.client.withCommandOptions({ timeout: PING_TIMEOUT_MS }).ping()
      return lastError ? { reachable: pong === 'PONG', lastError } : { reachable: pong === 'PONG' }
    } catch (error) {
      this.report(error, 'ping')
      return { reachable: false, lastError: this.lastError }
    }
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close()
    else if (this.client.isOpen) this.client.destroy()
  }
}

function notReady(): StoreHealth['lastError'] {
  return { message: 'connection: not connected', at: new Date().toISOString() }
}
