import type { LoggedUpdate, PlanFeed } from '../store/plan-log.js'

/** What a room does with what other instances sent through the store's feed. */
export interface FeedListener {
  /** Log entries appended by any instance (this one's included), in log order. */
  entries(entries: LoggedUpdate[]): void
  /** An awareness update another instance published. */
  awareness(update: Uint8Array): void
}

/**
 * A room following the other instances that serve the same plan: their appends to the plan's
 * log and their presence, until `stop`.
 */
export class PeerFeed {
  private stopped = false

  private constructor(
    private readonly feed: PlanFeed,
    private readonly planId: string,
    private stops: (() => Promise<void>)[] = [],
  ) {}

  /** Starts following `planId` after `afterSeq`, the last entry the room loaded. */
  static async follow(
    feed: PlanFeed,
    planId: string,
    afterSeq: string | undefined,
    listener: FeedListener,
  ): Promise<PeerFeed> {
    const following = new PeerFeed(feed, planId)
    following.stops = await Promise.all([
      feed.follow(planId, afterSeq, (entries) => {
        if (!following.stopped) listener.entries(entries)
      }),
      feed.subscribeAwareness(planId, (update) => {
        if (!following.stopped) listener.awareness(update)
      }),
    ])
    return following
  }

  /** Sends presence set through this instance to the others. */
  publishAwareness(update: Uint8Array): void {
    if (!this.stopped) this.feed.publishAwareness(this.planId, update)
  }

  async stop(): Promise<void> {
    this.stopped = true
    await Promise.all(this.stops.map((stop) => stop()))
  }
}
