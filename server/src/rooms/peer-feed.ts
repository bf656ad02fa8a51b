import type { LogFollower, PlanFeed } from '../store/plan-log.js'

/** What a room does with what other instances sent through the store's feed. */
export interface FeedListener extends LogFollower {
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

  /** Starts following `planId` after `from.lastSeq`, the last entry the room loaded, of `from.documentEpoch`. */
  static async follow(
    feed: PlanFeed,
    planId: string,
    from: { lastSeq: string | undefined; documentEpoch: number },
    listener: FeedListener,
  ): Promise<PeerFeed> {
    const following = new PeerFeed(feed, planId)
    const started = await Promise.allSettled([
      feed.follow(
        planId,
        from.lastSeq,
        {
          entries: (entries) => {
            if (!following.stopped) listener.entries(entries)
          },
          reload: (state) => {
            if (!following.stopped) listener.reload(state)
          },
        },
        from.documentEpoch,
      ),
      feed.subscribeAwareness(planId, (update) => {
        if (!following.stopped) listener.awareness(update)
      }),
    ])
    following.stops = started.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    )
    const failure = started.find((result) => result.status === 'rejected')
    if (failure) {
      // Half a feed would leak a subscription nobody stops.
      await following.stop()
      throw failure.reason
    }
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
