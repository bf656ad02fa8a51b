import type { InboxItem } from '../inbox/inbox-items.js'

/** One item of a person's inbox as GET /api/inbox answers it: with its plan's name and whether it is read. */
export type InboxEntry = InboxItem & { planName: string; read: boolean }

/** GET /api/inbox: every item across the plans the caller may open, newest first. */
export interface InboxList {
  items: InboxEntry[]
  unread: number
}

/** PUT /api/inbox/reads: marks these items read, or with `read` false unread. */
export interface InboxReadsBody {
  ids: string[]
  read: boolean
}

/** At most this many item ids in one PUT /api/inbox/reads. */
export const MAX_INBOX_READS = 500

/**
 * What GET /api/inbox/events pushes to every open tab of a user (server-sent events, the event
 * name is `kind`): items marked read or unread somewhere, or a plan whose items changed.
 */
export type InboxEvent =
  { kind: 'reads'; ids: string[]; read: boolean } | { kind: 'changed'; planId: string }
