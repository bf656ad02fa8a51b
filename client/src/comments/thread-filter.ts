import type { CommentThread } from '@tandem/shared'

export const THREAD_FILTERS = ['open', 'resolved', 'mine', 'mentions'] as const

/** Which threads the side panel lists. */
export type ThreadFilter = (typeof THREAD_FILTERS)[number]

export function filterThreads(
  threads: readonly CommentThread[],
  filter: ThreadFilter,
  me: string,
): CommentThread[] {
  switch (filter) {
    case 'open':
      return threads.filter((thread) => !thread.resolved)
    case 'resolved':
      return threads.filter((thread) => thread.resolved)
    case 'mine':
      return threads.filter((thread) => thread.messages.some((m) => m.author === me))
    case 'mentions':
      return threads.filter((thread) => thread.messages.some((m) => m.mentions.includes(me)))
  }
}
