import { randomBytes } from 'node:crypto'
import { isAfter } from '../compare-log-seqs.js'
import type { LoggedUpdate, LogFollower, PlanFeed, StoredPlanState } from '../plan-log.js'
import type { RedisConnection } from './redis-connection.js'
import type { RedisKeys } from './redis-keys.js'
import type { RedisSubscriber } from './redis-subscriber.js'
import type { AppendNotice } from './append-notice.js'
import { decodeAppendNotice, encodeAppendNotice } from './append-notice.js'

/** One page (at most `LOG_PAGE` entries) of a plan's log, and the last entry its snapshot covers. */
export interface LogPage {
  compactedThrough: string | undefined
  /** The plan's document epoch when the page was read. */
  documentEpoch: number
  entries: LoggedUpdate[]
}

/** What the feed reads of the plan log. */
export interface FeedReads {
  /** One page of a plan's log after a stream id (and through another, when given), in order. */
  readPage(planId: string, afterSeq: string | undefined, throughSeq?: string): Promise<LogPage>
  loadPlan(planId: string): Promise<StoredPlanState | undefined>
}

/** How many log entries one read returns; a follower reads page after page until the end. */
export const LOG_PAGE = 1_000
/** A Redis stream id, as a bare notice carries it. */
const STREAM_ID = /^\d+-\d+$/
/** After a failed read, a follower tries again this much later (a new append also retries). */
const RETRY_MS = 1_000

/**
 * Shares live plans between instances through Redis pub/sub: an append publishes a notice on
 * `…:{plan:<id>}:appended`. A small append's notice carries its entries and the position they
 * follow, and a follower standing there takes them as they are; otherwise (a bare notice, a
 * gap, a missed message) followers read the log from where they were, page by page through the
 * last entry the notice announces (so a lost message only delays, never loses, an entry, and no
 * entry is read before its own notice says its replicas hold it). Each page
 * comes with what the snapshot covers: a follower whose position was trimmed away reloads the
 * plan. Awareness travels on `…:{plan:<id>}:awareness`, tagged with the sending instance so it
 * does not come back to it. Channels are sharded (SPUBLISH/SSUBSCRIBE) on Redis 7 and later and
 * carry the plan's hash tag, so on Redis Cluster a plan's messages stay on the shard that holds
 * its keys. Failures are reported to the connection (logged, shown by /health), never dropped.
 */
export class RedisPlanFeed implements PlanFeed {
  private readonly instance = randomBytes(8)
  private subscriber: Promise<RedisSubscriber> | undefined

  constructor(
    private readonly connection: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly reads: FeedReads,
  ) {}

  /**
   * Tells followers that the plan's log grew, with the new entries when they are small enough
   * to carry (`notice`). Not awaited by appenders: a follower that misses it reads the log on
   * the next one.
   */
  notifyAppended(planId: string, lastSeq: string, notice?: AppendNotice): void {
    const message = (notice && encodeAppendNotice(notice)) ?? lastSeq
    this.connection
      .publish(this.keys.channel(planId, 'appended'), message)
      .catch((error: unknown) => this.connection.report(error, 'feed publish'))
  }

  async follow(
    planId: string,
    afterSeq: string | undefined,
    follower: LogFollower,
    documentEpoch = 0,
  ): Promise<() => Promise<void>> {
    let position = afterSeq
    let reading: Promise<void> = Promise.resolve()
    let stopped = false
    let retry: NodeJS.Timeout | undefined
    /**
     * Reads page after page to the end of the log or, on a notice, through the last entry it
     * announces: an entry appended since may still wait for its replicas, and its own notice
     * comes once they hold it, so no instance relays what a failover could still lose.
     */
    const readToEnd = async (through?: string) => {
      for (;;) {
        if (stopped) return
        const page = await this.reads.readPage(planId, position, through)
        const { compactedThrough, entries } = page
        if (stopped) return
        if (page.documentEpoch !== documentEpoch) {
          // Another document epoch: its entries belong to a document this follower lacks. The
          // follower gets the new state (and closes its room); nothing of it is followed on.
          const state = await this.reads.loadPlan(planId)
          if (stopped || !state) return
          stopped = true
          follower.reload(state)
          return
        }
        if (compactedThrough !== undefined && isAfter(compactedThrough, position)) {
          // A compaction trimmed entries this follower never read: start again from the store.
          const state = await this.reads.loadPlan(planId)
          if (stopped || !state) return
          position = state.updates.at(-1)?.seq ?? state.compactedThrough
          follower.reload(state)
          continue
        }
        if (entries.length === 0) return
        position = entries[entries.length - 1].seq
        follower.entries(entries)
        if (entries.length < LOG_PAGE || position === through) return
      }
    }
    /**
     * Takes a notice's entries when they follow this follower's position exactly, skips one it
     * has read past, and otherwise (a bare notice, a gap, another epoch) reads the log.
     */
    const take = (message: Buffer) => async () => {
      if (stopped) return
      const notice = decodeAppendNotice(message)
      if (notice?.documentEpoch === documentEpoch) {
        const last = notice.entries[notice.entries.length - 1].seq
        if (notice.previousSeq === (position ?? '')) {
          position = last
          follower.entries(notice.entries)
          return
        }
        if (position !== undefined && !isAfter(last, position)) return
        return readToEnd(last)
      }
      // A bare notice is the new last id; one of another epoch is read to the end (its first
      // page tells the epoch).
      if (!notice) {
        const lastSeq = message.toString()
        if (STREAM_ID.test(lastSeq)) return readToEnd(lastSeq)
      }
      await readToEnd()
    }
    const failed = (error: unknown) => {
      this.connection.report(error, `feed read of plan ${planId}`)
      if (!stopped) retry = setTimeout(catchUp, RETRY_MS).unref()
    }
    const catchUp = () => {
      clearTimeout(retry)
      reading = reading.then(() => readToEnd()).catch(failed)
    }
    const onNotice = (message: Buffer) => {
      clearTimeout(retry)
      reading = reading.then(take(message)).catch(failed)
    }
    const subscriber = await this.subscriberClient()
    const channel = this.keys.channel(planId, 'appended')
    await subscriber.subscribe(channel, onNotice)
    catchUp()
    return async () => {
      stopped = true
      clearTimeout(retry)
      await subscriber
        .unsubscribe(channel, onNotice)
        .catch((error: unknown) => this.connection.report(error, 'feed unsubscribe'))
    }
  }

  publishAwareness(planId: string, update: Uint8Array): void {
    const message = Buffer.concat([
      this.instance,
      Buffer.from(update.buffer, update.byteOffset, update.byteLength),
    ])
    this.connection
      .publish(this.keys.channel(planId, 'awareness'), message)
      .catch((error: unknown) => this.connection.report(error, 'awareness publish'))
  }

  async subscribeAwareness(
    planId: string,
    onUpdate: (update: Uint8Array) => void,
  ): Promise<() => Promise<void>> {
    const subscriber = await this.subscriberClient()
    const channel = this.keys.channel(planId, 'awareness')
    const listener = (message: Buffer) => {
      if (
        message.length <= this.instance.length ||
        message.subarray(0, this.instance.length).equals(this.instance)
      )
        return
      onUpdate(new Uint8Array(message.subarray(this.instance.length)))
    }
    await subscriber.subscribe(channel, listener)
    return async () => {
      await subscriber
        .unsubscribe(channel, listener)
        .catch((error: unknown) => this.connection.report(error, 'awareness unsubscribe'))
    }
  }

  async close(): Promise<void> {
    const pending = this.subscriber
    this.subscriber = undefined
    const subscriber = await pending?.catch(() => undefined)
    await subscriber?.close()
  }

  /** One subscriber connection per instance, opened on first use; it resubscribes on reconnect. */
  private subscriberClient(): Promise<RedisSubscriber> {
    this.subscriber ??= this.connection.openSubscriber().catch((error: unknown) => {
      this.subscriber = undefined
      throw error
    })
    return this.subscriber
  }
}
