import { randomBytes } from 'node:crypto'
import { createClient } from 'redis'
import type { LoggedUpdate, PlanFeed } from './plan-store.js'

function openSubscriber(url: string) {
  return createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
  })
}

type Subscriber = ReturnType<typeof openSubscriber>

/** Reads a plan's log entries after a stream id, in order. */
export type ReadLogAfter = (planId: string, afterSeq: string | undefined) => Promise<LoggedUpdate[]>

/**
 * Shares live plans between instances through Redis pub/sub: an append publishes the plan's
 * new last id on `…:{plan}:appended`, and followers read the log from where they were (so a
 * lost message only delays, never loses, an entry). Awareness travels on `…:{plan}:awareness`,
 * tagged with the sending instance so it does not come back to it. Channels carry the plan's
 * hash tag, and each read touches one key, so this works on Redis Cluster too.
 */
export class RedisPlanFeed implements PlanFeed {
  private readonly instance = randomBytes(8)
  private subscriber: Promise<Subscriber> | undefined

  constructor(
    private readonly url: string,
    private readonly publish: (channel: string, message: string | Buffer) => Promise<unknown>,
    private readonly prefix: string,
    private readonly readAfter: ReadLogAfter,
  ) {}

  channel(planId: string, kind: 'appended' | 'awareness'): string {
    return `${this.prefix}:{${planId}}:${kind}`
  }

  /** Tells followers that the plan's log grew. Not awaited by appenders: followers re-read. */
  notifyAppended(planId: string, lastSeq: string): void {
    this.publish(this.channel(planId, 'appended'), lastSeq).catch(() => undefined)
  }

  async follow(
    planId: string,
    afterSeq: string | undefined,
    onEntries: (entries: LoggedUpdate[]) => void,
  ): Promise<() => Promise<void>> {
    let position = afterSeq
    let reading: Promise<void> = Promise.resolve()
    let stopped = false
    const catchUp = () => {
      reading = reading.then(async () => {
        if (stopped) return
        const entries = await this.readAfter(planId, position).catch(() => [])
        if (stopped || entries.length === 0) return
        position = entries[entries.length - 1].seq
        onEntries(entries)
      })
    }
    const subscriber = await this.subscriberClient()
    const channel = this.channel(planId, 'appended')
    await subscriber.subscribe(channel, catchUp)
    catchUp()
    return async () => {
      stopped = true
      await subscriber.unsubscribe(channel, catchUp).catch(() => undefined)
    }
  }

  publishAwareness(planId: string, update: Uint8Array): void {
    const message = Buffer.concat([
      this.instance,
      Buffer.from(update.buffer, update.byteOffset, update.byteLength),
    ])
    this.publish(this.channel(planId, 'awareness'), message).catch(() => undefined)
  }

  async subscribeAwareness(
    planId: string,
    onUpdate: (update: Uint8Array) => void,
  ): Promise<() => Promise<void>> {
    const subscriber = await this.subscriberClient()
    const channel = this.channel(planId, 'awareness')
    const listener = (message: Buffer) => {
      if (
        message.length <= this.instance.length ||
        message.subarray(0, this.instance.length).equals(this.instance)
      )
        return
      onUpdate(new Uint8Array(message.subarray(this.instance.length)))
    }
    await subscriber.subscribe(channel, listener, true)
    return async () => {
      await subscriber.unsubscribe(channel, listener, true).catch(() => undefined)
    }
  }

  async close(): Promise<void> {
    const pending = this.subscriber
    this.subscriber = undefined
    const subscriber = await pending?.catch(() => undefined)
    if (subscriber?.isOpen) await subscriber.close().catch(() => subscriber.destroy())
  }

  /** One subscriber connection per instance, opened on first use; it resubscribes on reconnect. */
  private subscriberClient(): Promise<Subscriber> {
    this.subscriber ??= (async () => {
      const subscriber = openSubscriber(this.url)
      subscriber.on('error', () => undefined)
      await subscriber.connect()
      return subscriber
    })()
    return this.subscriber
  }
}
