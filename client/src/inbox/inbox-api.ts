import type { InboxList, InboxReadsBody } from '@tandem/shared'
import { call } from '../api/plans-api.js'

/** My inbox across every plan I may open, newest first. */
export function getInbox(): Promise<InboxList> {
  return call<InboxList>('/api/inbox')
}

/** Marks items read (or with `read` false unread) for me, in every tab and on every device. */
export async function markInbox(ids: string[], read: boolean): Promise<void> {
  const body: InboxReadsBody = { ids, read }
  await call<unknown>('/api/inbox/reads', { method: 'PUT', body: JSON.stringify(body) })
}

export async function markAllInboxRead(): Promise<void> {
  await call<unknown>('/api/inbox/read-all', { method: 'POST' })
}

/** The server-sent event stream that tells each of my tabs of marks and new items. */
export const INBOX_EVENTS_PATH = '/api/inbox/events'
