import type { CommentThread } from '@tandem/shared'
import { anchorKey } from './anchor-key.js'

/** How many threads each anchor has, by anchor key; the corner marks read it. */
export function threadCounts(threads: readonly CommentThread[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const thread of threads) {
    if (!thread.anchor) continue
    const key = anchorKey(thread.anchor)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}
