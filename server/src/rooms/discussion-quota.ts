import type { DiscussionWrite, RuleViolation } from '@tandem/shared'
import { violation } from '@tandem/shared'
import { TokenBucket } from './token-bucket.js'

/** Bytes of comments and flags one user may write into one plan per hour, by default. */
export const DEFAULT_DISCUSSION_BYTES_PER_HOUR = 1024 * 1024

/**
 * How much discussion each user of one room has written lately: at most `bytesPerHour` at
 * once, refilled over the hour. An update beyond it is refused whole, naming the thread. A
 * quota of 0 means none.
 */
export class DiscussionQuota {
  private readonly users = new Map<string, TokenBucket>()

  constructor(private readonly bytesPerHour: number) {}

  /** Counts the update's discussion bytes against the user, or says why it is refused. */
  charge(userId: string, writes: DiscussionWrite[]): RuleViolation | undefined {
    if (this.bytesPerHour <= 0 || writes.length === 0) return undefined
    const bytes = writes.reduce((sum, write) => sum + write.bytes, 0)
    let bucket = this.users.get(userId)
    if (!bucket) {
      bucket = new TokenBucket(this.bytesPerHour, this.bytesPerHour / 3600)
      this.users.set(userId, bucket)
    }
    if (bucket.tryTake(bytes)) return undefined
    const [first] = writes
    const what = first.root === 'comments' ? `thread ${first.key}` : `flag ${first.key}`
    const minutes = Math.max(1, Math.ceil(bucket.wouldWaitMs(bytes) / 60_000))
    const when = bytes > this.bytesPerHour ? 'split it up' : `try again in ${minutes} min`
    return violation(
      'discussionQuota',
      `Not saved in ${what}: you may write ${this.bytesPerHour} bytes of comments and flags an hour in this plan (this change has ${bytes}); ${when}`,
      { root: first.root, key: first.key },
    )
  }
}
