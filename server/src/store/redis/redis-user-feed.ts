import type { UserFeed } from '../user-feed.js'
import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'
import type { RedisSubscriber } from './redis-subscriber.js'

/**
 * A user's messages through Redis pub/sub on `…:{user:<id>}:inbox` (sharded on Redis 7 and
 * later, so on a cluster it stays on one shard), through one subscriber connection per
 * instance, opened on first use. Failures are reported to the connection, never thrown.
 */
export class RedisUserFeed implements UserFeed {
  private subscriber: Promise<RedisSubscriber> | undefined

  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  publish(userId: string, message: string): void {
    this.connection
      .publish(this.keys.userChannel(userId), message)
      .catch((error: unknown) => this.connection.report(error, 'user feed publish'))
  }

  async subscribe(
    userId: string,
    onMessage: (message: string) => void,
  ): Promise<() => Promise<void>> {
    this.subscriber ??= this.connection.openSubscriber().catch((error: unknown) => {
      this.subscriber = undefined
      throw error
    })
    const subscriber = await this.subscriber
    const channel = this.keys.userChannel(userId)
    const listener = (message: Buffer | string) => onMessage(message.toString())
    await subscriber.subscribe(channel, listener)
    return async () => {
      await subscriber
        .unsubscribe(channel, listener)
        .catch((error: unknown) => this.connection.report(error, 'user feed unsubscribe'))
    }
  }

  async close(): Promise<void> {
    const pending = this.subscriber
    this.subscriber = undefined
    const subscriber = await pending?.catch(() => undefined)
    await subscriber?.close()
  }
}
