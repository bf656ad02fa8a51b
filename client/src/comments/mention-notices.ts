import type { CommentThread } from '@tandem/shared'

/** A message that mentions me and that I have not read yet. */
export interface MentionNotice {
  threadId: string
  messageId: string
  author: string
  createdAt: string
}

/** My notifications: messages mentioning me, newer than my read mark of their thread. */
export function mentionNotices(
  threads: readonly CommentThread[],
  me: string,
  marks: Record<string, string>,
): MentionNotice[] {
  const notices: MentionNotice[] = []
  for (const thread of threads) {
    const mark = marks[thread.id]
    for (const m of thread.messages) {
      if (m.deleted || m.author === me || !m.mentions.includes(me)) continue
      if (mark && m.createdAt <= mark) continue
      notices.push({
        threadId: thread.id,
        messageId: m.id,
        author: m.author,
        createdAt: m.createdAt,
      })
    }
  }
  return notices.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
}
