import type { CommentThread } from '@tandem/shared'

/** True when someone else wrote in the thread after my read mark. */
export function isUnread(thread: CommentThread, me: string, mark: string | undefined): boolean {
  return thread.messages.some((m) => m.author !== me && (!mark || m.createdAt > mark))
}
