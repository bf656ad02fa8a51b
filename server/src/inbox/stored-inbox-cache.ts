import type { InboxItem } from '@tandem/shared'

/** How many (plan state, user, role) answers are kept; each is a short list of items. */
const MAX_ENTRIES = 512

/**
 * Inbox items of plans that no room has open, per stored state of the plan (document epoch,
 * snapshot and last log entry) and user: building them means applying the whole plan to a
 * fresh document (over a second for a 10,000 × 104 plan), so it is done once per state rather
 * than on every inbox request. The oldest answers go first.
 */
export class StoredInboxCache {
  private readonly entries = new Map<string, InboxItem[]>()

  get(key: string): InboxItem[] | undefined {
    const items = this.entries.get(key)
    if (items) {
      this.entries.delete(key)
      this.entries.set(key, items)
    }
    return items
  }

  set(key: string, items: InboxItem[]): void {
    this.entries.delete(key)
    this.entries.set(key, items)
    while (this.entries.size > MAX_ENTRIES) {
      const [oldest] = this.entries.keys()
      this.entries.delete(oldest)
    }
  }
}
