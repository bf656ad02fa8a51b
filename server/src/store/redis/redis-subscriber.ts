import type { ClusterClient, SingleClient } from './redis-clients.js'

/** Receives the messages of one channel, as bytes. */
export type ChannelListener = (message: Buffer) => void

/** The subscribing connection: a client of one server, or a cluster client. */
export type PubSubConnection =
  { kind: 'single'; client: SingleClient } | { kind: 'cluster'; client: ClusterClient }

/**
 * A connection that only listens, on sharded channels (`SSUBSCRIBE`, Redis 7 and later, one
 * shard per channel on a cluster) or on classic ones (`SUBSCRIBE`, older servers). It
 * resubscribes by itself after a reconnect; on a cluster it follows a channel whose slot moves.
 */
export class RedisSubscriber {
  constructor(
    private readonly connection: PubSubConnection,
    readonly sharded: boolean,
  ) {}

  async subscribe(channel: string, listener: ChannelListener): Promise<void> {
    const { client } = this.connection
    if (this.sharded) await client.sSubscribe(channel, listener, true)
    else await client.subscribe(channel, listener, true)
  }

  async unsubscribe(channel: string, listener: ChannelListener): Promise<void> {
    const connection = this.connection
    const unsubscribe = this.sharded ? 'sUnsubscribe' : 'unsubscribe'
    if (connection.kind === 'single') await connection.client[unsubscribe](channel, listener, true)
    else
      await connection.client[unsubscribe](
        channel,
        listener as (message: Buffer | string) => void,
        true,
      )
  }

  async close(): Promise<void> {
    const { client } = this.connection
    if (client.isOpen) await client.close().catch(() => client.destroy())
  }
}
